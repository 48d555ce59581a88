"""The student: a small pre-LayerNorm Transformer encoder-decoder in plain torch.nn (shared by training and export).

BART-like layout (biases, GELU, LayerNorm, tied input/output embedding) with fixed sinusoidal positions, so it has no
position table and takes inputs longer than it was trained on (quality falls off past the trained prefix lengths).
It shares the teacher's tokenizer (vocabulary 2048). Trace rules for torch.onnx.export (torch 1.13): sizes come from
tensor shapes only, no Python branches on shapes, masks add -1e9.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = 2048
D_MODEL = 96
HEADS = 6
HEAD_DIM = D_MODEL // HEADS
FFN = 320
ENC_LAYERS = 2
DEC_LAYERS = 2
MAX_POSITIONS = 512  # the window written to config.json (positions are sinusoidal, nothing is sized by it)
PAD = 0  # <unk>, also the tokenizer's pad
BOS = 1  # <|start_story|>
EOS = 2  # <|end_story|>
DECODER_START = PAD  # as in T5: the decoder starts from pad
NEG = -1e9
LN_EPS = 1e-5


SCALE_EMBEDDING = False  # the story student adds positions to unscaled embeddings; the script writer scales them


def configure(vocab=None, d_model=None, heads=None, ffn=None, enc_layers=None, dec_layers=None, scale_embedding=None):
    """Sizes for another model built from these classes (the script writer); call before constructing EncDec.
    scale_embedding multiplies token embeddings by sqrt(d_model) before the sinusoidal positions are added, so the
    token signal is not drowned by the positions (Vaswani et al.)."""
    global VOCAB, D_MODEL, HEADS, HEAD_DIM, FFN, ENC_LAYERS, DEC_LAYERS, SCALE_EMBEDDING
    if scale_embedding is not None:
        SCALE_EMBEDDING = scale_embedding
    VOCAB = vocab or VOCAB
    D_MODEL = d_model or D_MODEL
    HEADS = heads or HEADS
    HEAD_DIM = D_MODEL // HEADS
    FFN = ffn or FFN
    ENC_LAYERS = enc_layers or ENC_LAYERS
    DEC_LAYERS = dec_layers or DEC_LAYERS


def positions_like(ids, past_len):
    """Positions past_len, past_len+1, … for every column of ids [B, T] (float [T]); shape-derived only."""
    ones = torch.ones_like(ids[0], dtype=torch.float32)
    return torch.cumsum(ones, 0) - 1 + past_len


def sinusoid(pos):
    """[T] float positions → [T, D_MODEL] sin|cos embedding (transformer-style, no table)."""
    inv = torch.exp(torch.arange(0, D_MODEL, 2, dtype=torch.float32) * (-math.log(10000.0) / D_MODEL))
    angles = pos[:, None] * inv[None, :]
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)


def embed_tokens(embed, ids):
    x = embed(ids)
    return x * math.sqrt(D_MODEL) if SCALE_EMBEDDING else x


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.q = nn.Linear(D_MODEL, D_MODEL)
        self.k = nn.Linear(D_MODEL, D_MODEL)
        self.v = nn.Linear(D_MODEL, D_MODEL)
        self.o = nn.Linear(D_MODEL, D_MODEL)

    @staticmethod
    def split(x):  # [B, T, D] → [B, H, T, dk]
        b, t = x.shape[0], x.shape[1]
        return x.reshape(b, t, HEADS, HEAD_DIM).transpose(1, 2)

    def kv(self, x):
        return self.split(self.k(x)), self.split(self.v(x))

    def attend(self, x, k, v, bias):
        """x [B, T, D] queries over k, v [B, H, S, dk]; bias broadcastable to [B, H, T, S]."""
        q = self.split(self.q(x)) * (HEAD_DIM ** -0.5)
        scores = q @ k.transpose(-1, -2) + bias
        probs = torch.softmax(scores, dim=-1)
        out = (probs @ v).transpose(1, 2)
        return self.o(out.reshape(out.shape[0], out.shape[1], D_MODEL))


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(D_MODEL, FFN)
        self.fc2 = nn.Linear(FFN, D_MODEL)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class EncoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.attn = Attention()
        self.ln2 = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.ff = FeedForward()

    def forward(self, x, bias):
        h = self.ln1(x)
        k, v = self.attn.kv(h)
        x = x + self.attn.attend(h, k, v, bias)
        return x + self.ff(self.ln2(x))


class DecoderLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln1 = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.self_attn = Attention()
        self.ln2 = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.cross_attn = Attention()
        self.ln3 = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.ff = FeedForward()

    def forward(self, x, past_k, past_v, self_bias, cross_k, cross_v, cross_bias):
        h = self.ln1(x)
        k, v = self.self_attn.kv(h)
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        x = x + self.self_attn.attend(h, k, v, self_bias)
        x = x + self.cross_attn.attend(self.ln2(x), cross_k, cross_v, cross_bias)
        return x + self.ff(self.ln3(x)), k, v


class EncDec(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(VOCAB, D_MODEL)
        self.encoder = nn.ModuleList([EncoderLayer() for _ in range(ENC_LAYERS)])
        self.enc_ln = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        self.decoder = nn.ModuleList([DecoderLayer() for _ in range(DEC_LAYERS)])
        self.dec_ln = nn.LayerNorm(D_MODEL, eps=LN_EPS)
        nn.init.normal_(self.embed.weight, std=D_MODEL ** -0.5)

    def embed_at(self, ids, past_len):
        return embed_tokens(self.embed, ids) + sinusoid(positions_like(ids, past_len))[None]

    @staticmethod
    def mask_bias(mask):  # [B, S] int (1 = token) → [B, 1, 1, S] additive
        return (1.0 - mask.to(torch.float32))[:, None, None, :] * NEG

    def encode(self, input_ids, attention_mask):
        x = self.embed_at(input_ids, 0.0)
        bias = self.mask_bias(attention_mask)
        for layer in self.encoder:
            x = layer(x, bias)
        return self.enc_ln(x)

    def cross_kv(self, encoder_hidden_states):
        """Per decoder layer, the cross-attention K and V of the encoder output: [(k, v)] each [B, H, S, dk]."""
        return [layer.cross_attn.kv(encoder_hidden_states) for layer in self.decoder]

    def decode(self, input_ids, encoder_attention_mask, cross, past):
        """input_ids [B, T] after `past` (list of (k, v) [B, H, P, dk]); returns logits [B, T, V] and the new self KV."""
        past_len = past[0][0].shape[2]
        x = self.embed_at(input_ids, past_len)
        # causal over past + new: query i (absolute past_len + i) sees key j when j <= past_len + i
        q_pos = positions_like(input_ids, past_len)
        k_pos = torch.cumsum(torch.ones_like(torch.cat([past[0][0][0, 0, :, 0], x[0, :, 0]])), 0) - 1
        self_bias = (k_pos[None, :] > q_pos[:, None]).to(torch.float32)[None, None] * NEG
        cross_bias = self.mask_bias(encoder_attention_mask)
        present = []
        for layer, (ck, cv), (pk, pv) in zip(self.decoder, cross, past):
            x, k, v = layer(x, pk, pv, self_bias, ck, cv, cross_bias)
            present.append((k, v))
        logits = self.dec_ln(x) @ self.embed.weight.t()
        return logits, present

    def empty_past(self, batch):
        z = torch.zeros(batch, HEADS, 0, HEAD_DIM)
        return [(z, z) for _ in range(DEC_LAYERS)]

    def forward(self, input_ids, attention_mask, decoder_input_ids):
        """Teacher-forced logits [B, T, V] (training)."""
        enc = self.encode(input_ids, attention_mask)
        logits, _ = self.decode(decoder_input_ids, attention_mask, self.cross_kv(enc), self.empty_past(input_ids.shape[0]))
        return logits


def count_params(model):
    return sum(p.numel() for p in model.parameters())


@torch.no_grad()
def greedy(model, input_ids, new_tokens):
    """Reference greedy decoding: full recompute of the decoder every step (no KV cache), batch 1, no EOS stop."""
    ids = torch.tensor([input_ids])
    mask = torch.ones_like(ids)
    enc = model.encode(ids, mask)
    out = [DECODER_START]
    steps = []
    for _ in range(new_tokens):
        logits, _ = model.decode(torch.tensor([out]), mask, model.cross_kv(enc), model.empty_past(1))
        row = logits[0, -1]
        steps.append(row)
        out.append(int(torch.argmax(row)))
    return out[1:], steps
