"""The decoder-only comparison model for the script writer: the same blocks as the encoder-decoder
(models/training/encdec_model.py: pre-LayerNorm attention and GELU feed-forward, sinusoidal positions, tied
embedding), stacked as one causal decoder over `input </s> script </s>`. Sized to match the encoder-decoder's
parameter count. The exported graph has the transformers.js/optimum decoder layout OrtDecoderEngine loads:
input_ids, attention_mask, position_ids, past_key_values.N.{key,value} → logits, present.N.{key,value}.
"""
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import encdec_model as M  # noqa: E402


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(M.D_MODEL, eps=M.LN_EPS)
        self.attn = M.Attention()
        self.ln2 = nn.LayerNorm(M.D_MODEL, eps=M.LN_EPS)
        self.ff = M.FeedForward()

    def forward(self, x, past_k, past_v, bias):
        h = self.ln1(x)
        k, v = self.attn.kv(h)
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        x = x + self.attn.attend(h, k, v, bias)
        return x + self.ff(self.ln2(x)), k, v


class DecOnly(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.layers_count = layers
        self.embed = nn.Embedding(M.VOCAB, M.D_MODEL)
        self.layers = nn.ModuleList([Block() for _ in range(layers)])
        self.ln_f = nn.LayerNorm(M.D_MODEL, eps=M.LN_EPS)
        nn.init.normal_(self.embed.weight, std=M.D_MODEL ** -0.5)

    def step(self, input_ids, attention_mask, position_ids, past):
        """input_ids [B, T] at position_ids [B, T] after `past` [(k, v) [B, H, P, dk]]; attention_mask [B, P+T]."""
        x = M.embed_tokens(self.embed, input_ids) + M.sinusoid(position_ids[0].to(torch.float32))[None]
        q_pos = position_ids[0].to(torch.float32)
        k_pos = torch.cumsum(torch.ones_like(attention_mask[0], dtype=torch.float32), 0) - 1
        causal = (k_pos[None, :] > q_pos[:, None]).to(torch.float32)[None, None] * M.NEG
        padding = (1.0 - attention_mask.to(torch.float32))[:, None, None, :] * M.NEG
        bias = causal + padding
        present = []
        for layer, (pk, pv) in zip(self.layers, past):
            x, k, v = layer(x, pk, pv, bias)
            present.append((k, v))
        return self.ln_f(x) @ self.embed.weight.t(), present

    def empty_past(self, batch):
        z = torch.zeros(batch, M.HEADS, 0, M.HEAD_DIM)
        return [(z, z) for _ in range(self.layers_count)]

    def forward(self, input_ids, attention_mask):
        """Teacher-forced logits [B, T, V] over right-padded rows (training)."""
        positions = torch.arange(input_ids.shape[1])[None].expand(input_ids.shape[0], -1)
        logits, _ = self.step(input_ids, attention_mask, positions, self.empty_past(input_ids.shape[0]))
        return logits


@torch.no_grad()
def greedy(model, src, max_new=160):
    """Greedy continuation of `src` with the KV cache (what OrtDecoderEngine does); stops at EOS."""
    past = model.empty_past(1)
    ids = list(src)
    out = []
    step_ids = torch.tensor([ids])
    for _ in range(max_new):
        start = len(ids) - step_ids.shape[1]
        positions = torch.arange(start, len(ids))[None]
        mask = torch.ones(1, len(ids), dtype=torch.long)
        logits, past = model.step(step_ids, mask, positions, past)
        nxt = int(torch.argmax(logits[0, -1]))
        out.append(nxt)
        if nxt == M.EOS:
            break
        ids.append(nxt)
        step_ids = torch.tensor([[nxt]])
    return out


class Exported(nn.Module):
    """The ONNX graph: past as flat inputs, presents as flat outputs."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, *past):
        pairs = [(past[2 * i], past[2 * i + 1]) for i in range(self.model.layers_count)]
        logits, present = self.model.step(input_ids, attention_mask, position_ids, pairs)
        outs = [logits]
        for k, v in present:
            outs += [k, v]
        return tuple(outs)


def export(model, path):
    layers = model.layers_count
    ids = torch.tensor([[5, 6, 7]])
    mask = torch.ones(1, 3, dtype=torch.long)
    positions = torch.arange(3)[None]
    past = [torch.zeros(1, M.HEADS, 0, M.HEAD_DIM) for _ in range(2 * layers)]
    past_names = [f'past_key_values.{i}.{kv}' for i in range(layers) for kv in ('key', 'value')]
    present_names = [f'present.{i}.{kv}' for i in range(layers) for kv in ('key', 'value')]
    axes = {'input_ids': {0: 'batch', 1: 'sequence_length'}, 'attention_mask': {0: 'batch', 1: 'total_sequence_length'},
            'position_ids': {0: 'batch', 1: 'sequence_length'}, 'logits': {0: 'batch', 1: 'sequence_length'}}
    for n in past_names:
        axes[n] = {0: 'batch', 2: 'past_sequence_length'}
    for n in present_names:
        axes[n] = {0: 'batch', 2: 'total_sequence_length'}
    torch.onnx.export(Exported(model), (ids, mask, positions, *past), path, opset_version=17, do_constant_folding=False,
                      input_names=['input_ids', 'attention_mask', 'position_ids'] + past_names,
                      output_names=['logits'] + present_names, dynamic_axes=axes)
