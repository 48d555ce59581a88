#!/usr/bin/python3
"""Writes test/fixtures/seq2seq-tiny/: a tiny BART-style encoder-decoder in the optimum ONNX layout, its tokenizer,
its configs and reference greedy outputs from an independent numpy forward pass.

Run with Debian's python (apt-get install python3-onnx python3-numpy):

    /usr/bin/python3 scripts/make-seq2seq-fixture.py [--out test/fixtures/seq2seq-tiny]

Nothing is trained. The weights are drawn from a seeded numpy generator, then two analytic changes make the fixture a
real test (see calibrate and place_eos): the last decoder LayerNorm is whitened and lm_head rows get one norm (raw
random weights collapse greedy decoding onto a few tokens whatever the input), and EOS's logit bias is set so that EOS
first wins mid-way through one case. The script keeps the first seed from BASE_SEED upwards whose references pass
`problems` (margins, per-input outputs, variety, EOS placement, and simulated engine bugs — off-by-one decoder
positions, lost self-attention history, missing encoder — each changing every case), so every run writes the same
bytes, in a few seconds. The numpy forward pass (float64, no KV cache, full recompute at every step) shares nothing
with the ONNX graph builder except the weight arrays, and references are computed from the final weights.
"""
import argparse
import json
import math
import os
from collections import Counter

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

BASE_SEED = 20240601
MAX_SEEDS = 400
MIN_MARGIN = 0.02  # fp32 engines must agree with the float64 reference: margins far above fp32 noise (~1e-5)
NEW_TOKENS = 24
EOS_STEP = range(6, 15)  # EOS first wins at one of these steps in one case (the EOS-stop tests)
POS_SCALE = {'encoder': 1.0, 'decoder': 2.0}
LOGIT_SCALE = 8.0  # norm of each lm_head row; hidden states are whitened to unit variance per dimension

D_MODEL = 16
HEADS = 4
HEAD_DIM = D_MODEL // HEADS
FFN = 32
ENC_LAYERS = 2
DEC_LAYERS = 2
MAX_POS = 64  # encoder input window and decoder positions alike
POS_OFFSET = 2  # BART's learned positional embedding starts at index 2
VOCAB = 128
BOS, PAD, EOS, UNK = 0, 1, 2, 3
SPECIALS = ['<s>', '<pad>', '</s>', '<unk>']
DECODER_START = EOS  # as in BART
LN_EPS = 1e-5
OPSET = 17

INPUTS = [
    'the cat sat on the mat.',
    'Hello world! How are you today?',
    'A tiny model wrote 42 short lines, then it stopped.',
    'Then she said that the dog and the cat were friends.',
]
# Longer than the encoder window (MAX_POS tokens): the engine keeps the specials and the first content tokens.
LONG_INPUT = ' '.join(['there is a small house on the hill where the old man lives with his cat.'] * 6)

CORPUS = """
the cat sat on the mat. the dog sat on the log. a tiny model can write short lines of text.
hello world, how are you today? we are fine, thank you. the sun is out and the sky is blue.
then it stopped and the story ended. she said that the cat and the dog were friends.
there is a small house on the hill where the old man lives with his cat.
""".split()

# ---------------------------------------------------------------- tokenizer (BPE over Metaspace words, no byte fallback)

MS = '\u2581'  # the Metaspace replacement character
ALPHABET = [MS] + list('abcdefghijklmnopqrstuvwxyz') + list('ABCDEFGHIJKLMNOPQRSTUVWXYZ') + list('0123456789') + list(".,!?'-:;")


def train_bpe():
    vocab = SPECIALS + ALPHABET
    words = Counter(tuple(MS + w) for w in CORPUS)
    words = Counter({tuple(w): c for w, c in words.items()})
    merges = []
    while len(vocab) < VOCAB:
        pairs = Counter()
        for word, count in words.items():
            for a, b in zip(word, word[1:]):
                pairs[(a, b)] += count
        pairs = {p: c for p, c in pairs.items() if p[0] + p[1] not in vocab}
        if not pairs:
            raise SystemExit('corpus too small for the vocabulary')
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        vocab.append(best[0] + best[1])
        merged = Counter()
        for word, count in words.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] += count
        words = merged
    return vocab, merges


def bpe_encode(text, vocab, merges):
    """Independent of tokenizers.js: Metaspace (prepend, split before each ▁), lowest-rank merge first, leftmost on ties."""
    ids = {tok: i for i, tok in enumerate(vocab)}
    ranks = {pair: r for r, pair in enumerate(merges)}
    normalized = text.replace(' ', MS)
    if not normalized.startswith(MS):
        normalized = MS + normalized
    words, current = [], ''
    for ch in normalized:
        if ch == MS and current:
            words.append(current)
            current = ''
        current += ch
    if current:
        words.append(current)
    out = [BOS]
    for word in words:
        parts = list(word)
        while len(parts) > 1:
            candidates = [(ranks.get((a, b), math.inf), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
            rank, at = min(candidates)
            if rank == math.inf:
                break
            parts[at:at + 2] = [parts[at] + parts[at + 1]]
        out.extend(ids.get(p, UNK) for p in parts)
    out.append(EOS)
    return out


def bpe_decode(ids, vocab):
    text = ''.join(vocab[i] for i in ids if i >= len(SPECIALS)).replace(MS, ' ')
    return text[1:] if text.startswith(' ') else text


def tokenizer_json(vocab, merges):
    metaspace = {'type': 'Metaspace', 'replacement': MS, 'prepend_scheme': 'always', 'split': True}
    special = lambda tok: {'SpecialToken': {'id': tok, 'type_id': 0}}
    seq = lambda name: {'Sequence': {'id': name, 'type_id': 0}}
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': [
            {'id': i, 'content': tok, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
            for i, tok in enumerate(SPECIALS)
        ],
        'normalizer': None,
        'pre_tokenizer': metaspace,
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [special('<s>'), seq('A'), special('</s>')],
            'pair': [special('<s>'), seq('A'), special('</s>'), special('</s>'), seq('B'), special('</s>')],
            'special_tokens': {tok: {'id': tok, 'ids': [SPECIALS.index(tok)], 'tokens': [tok]} for tok in ('<s>', '</s>')},
        },
        'decoder': metaspace,
        'model': {
            'type': 'BPE', 'dropout': None, 'unk_token': '<unk>', 'continuing_subword_prefix': None,
            'end_of_word_suffix': None, 'fuse_unk': False, 'byte_fallback': False, 'ignore_merges': False,
            'vocab': {tok: i for i, tok in enumerate(vocab)},
            'merges': [[a, b] for a, b in merges],
        },
    }


# ---------------------------------------------------------------- weights (HF BART names, torch layout [out, in])

def make_weights(seed):
    rng = np.random.default_rng(seed)
    w = {}

    def linear(name, n_in, n_out):
        w[f'{name}.weight'] = rng.normal(0, 1.4 / math.sqrt(n_in), (n_out, n_in))
        w[f'{name}.bias'] = rng.normal(0, 0.1, n_out)

    def norm(name):
        w[f'{name}.weight'] = 1 + rng.normal(0, 0.1, D_MODEL)
        w[f'{name}.bias'] = rng.normal(0, 0.1, D_MODEL)

    def attention(name):
        for proj in ('q_proj', 'k_proj', 'v_proj', 'out_proj'):
            linear(f'{name}.{proj}', D_MODEL, D_MODEL)

    w['model.shared.weight'] = rng.normal(0, 1, (VOCAB, D_MODEL))
    for part, layers in (('encoder', ENC_LAYERS), ('decoder', DEC_LAYERS)):
        w[f'model.{part}.embed_positions.weight'] = rng.normal(0, POS_SCALE[part], (MAX_POS + POS_OFFSET, D_MODEL))
        norm(f'model.{part}.layernorm_embedding')
        for i in range(layers):
            p = f'model.{part}.layers.{i}'
            attention(f'{p}.self_attn')
            norm(f'{p}.self_attn_layer_norm')
            if part == 'decoder':
                attention(f'{p}.encoder_attn')
                norm(f'{p}.encoder_attn_layer_norm')
            linear(f'{p}.fc1', D_MODEL, FFN)
            linear(f'{p}.fc2', FFN, D_MODEL)
            norm(f'{p}.final_layer_norm')
    w['lm_head.weight'] = rng.normal(0, 1, (VOCAB, D_MODEL))  # untied: a tied head makes greedy copy its input
    w['final_logits_bias'] = np.zeros(VOCAB)
    # Everything goes into the ONNX files as float32; the reference computes in float64 from the same float32 values.
    return {k: v.astype(np.float32) for k, v in w.items()}


# ---------------------------------------------------------------- independent numpy forward pass (float64, batch 1)

_erf = np.vectorize(math.erf)


def np_forward(w, input_ids, decoder_ids, dtype=np.float64, mutation=None):
    """Returns the logits [len(decoder_ids), VOCAB], the encoder output and the last decoder hidden state,
    recomputing everything. `mutation` simulates an engine bug, to check that the fixture would catch it:
    'position' (decoder position ids off by one), 'no_history' (self-attention sees only the current token, as
    with a lost KV cache), 'no_source' (cross-attention over an all-zero encoder output)."""
    W = {k: v.astype(dtype) for k, v in w.items()}

    def layer_norm(x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + LN_EPS) * W[f'{name}.weight'] + W[f'{name}.bias']

    def lin(x, name):
        return x @ W[f'{name}.weight'].T + W[f'{name}.bias']

    def heads(x):
        return x.reshape(x.shape[0], HEADS, HEAD_DIM).transpose(1, 0, 2)

    def mha(xq, xkv, name, allowed):
        q = heads(lin(xq, f'{name}.q_proj') * HEAD_DIM ** -0.5)
        k = heads(lin(xkv, f'{name}.k_proj'))
        v = heads(lin(xkv, f'{name}.v_proj'))
        scores = q @ k.transpose(0, 2, 1)
        scores = np.where(allowed[None], scores, -np.inf)
        scores = scores - scores.max(-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(-1, keepdims=True)
        out = (probs @ v).transpose(1, 0, 2).reshape(xq.shape[0], D_MODEL)
        return lin(out, f'{name}.out_proj')

    def ffn(x, p):
        hidden = lin(x, f'{p}.fc1')
        return lin((0.5 * hidden * (1 + _erf(hidden / math.sqrt(2)))).astype(dtype), f'{p}.fc2')

    E = W['model.shared.weight']
    S, T = len(input_ids), len(decoder_ids)
    h = E[input_ids] + W['model.encoder.embed_positions.weight'][np.arange(S) + POS_OFFSET]
    h = layer_norm(h, 'model.encoder.layernorm_embedding')
    full = np.ones((S, S), bool)
    for i in range(ENC_LAYERS):
        p = f'model.encoder.layers.{i}'
        h = layer_norm(h + mha(h, h, f'{p}.self_attn', full), f'{p}.self_attn_layer_norm')
        h = layer_norm(h + ffn(h, p), f'{p}.final_layer_norm')
    encoded = h if mutation != 'no_source' else np.zeros_like(h)

    shift = 1 if mutation == 'position' else 0
    h = E[decoder_ids] + W['model.decoder.embed_positions.weight'][np.arange(T) + POS_OFFSET + shift]
    h = layer_norm(h, 'model.decoder.layernorm_embedding')
    causal = np.eye(T, dtype=bool) if mutation == 'no_history' else np.tril(np.ones((T, T), bool))
    cross = np.ones((T, S), bool)
    for i in range(DEC_LAYERS):
        p = f'model.decoder.layers.{i}'
        h = layer_norm(h + mha(h, h, f'{p}.self_attn', causal), f'{p}.self_attn_layer_norm')
        h = layer_norm(h + mha(h, encoded, f'{p}.encoder_attn', cross), f'{p}.encoder_attn_layer_norm')
        h = layer_norm(h + ffn(h, p), f'{p}.final_layer_norm')
    return h @ W['lm_head.weight'].T + W['final_logits_bias'], encoded, h


def np_greedy(w, input_ids, steps, dtype=np.float64, mutation=None):
    ids, margins, first_logits, encoded = [DECODER_START], [], None, None
    for _ in range(steps):
        logits, encoded, _ = np_forward(w, input_ids, ids, dtype, mutation)
        row = logits[-1]
        if first_logits is None:
            first_logits = row
        top = np.sort(row)[::-1]
        margins.append(float(top[0] - top[1]))
        ids.append(int(np.argmax(row)))
    return ids[1:], margins, first_logits, encoded


# ---------------------------------------------------------------- ONNX graphs (optimum layout)

class Graph:
    """A node list under a name prefix; weights are referenced by name and collected into `used`."""

    def __init__(self, weights, prefix):
        self.weights, self.prefix, self.nodes, self.used, self.count = weights, prefix, [], set(), 0

    def fresh(self, hint):
        self.count += 1
        return f'{self.prefix}{hint}_{self.count}'

    def op(self, op_type, inputs, out=None, **attrs):
        out = out or self.fresh(op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=self.fresh(f'node_{op_type}'), **attrs))
        return out

    def const(self, value, dtype):
        out = self.fresh('const')
        tensor = numpy_helper.from_array(np.array(value, dtype=dtype), out + '_value')
        self.nodes.append(helper.make_node('Constant', [], [out], name=self.fresh('node_Constant'), value=tensor))
        return out

    def weight(self, name, transposed=False):
        key = name + ('.T' if transposed else '')
        self.used.add(key)
        return key

    def linear(self, x, name):
        return self.op('Add', [self.op('MatMul', [x, self.weight(f'{name}.weight', True)]), self.weight(f'{name}.bias')])

    def norm(self, x, name):
        return self.op('LayerNormalization', [x, self.weight(f'{name}.weight'), self.weight(f'{name}.bias')], axis=-1, epsilon=LN_EPS)

    def split_heads(self, x):
        shaped = self.op('Reshape', [x, self.const([0, -1, HEADS, HEAD_DIM], np.int64)])
        return self.op('Transpose', [shaped], perm=[0, 2, 1, 3])

    def merge_heads(self, x):
        return self.op('Reshape', [self.op('Transpose', [x], perm=[0, 2, 1, 3]), self.const([0, -1, D_MODEL], np.int64)])

    def attend(self, q, k, v, bias):
        scores = self.op('Add', [self.op('MatMul', [q, self.op('Transpose', [k], perm=[0, 1, 3, 2])]), bias])
        return self.op('MatMul', [self.op('Softmax', [scores], axis=-1), v])

    def query(self, x, name):
        return self.split_heads(self.op('Mul', [self.linear(x, f'{name}.q_proj'), self.const(HEAD_DIM ** -0.5, np.float32)]))

    def ffn(self, x, p):
        hidden = self.linear(x, f'{p}.fc1')
        erf = self.op('Erf', [self.op('Div', [hidden, self.const(math.sqrt(2), np.float32)])])
        gelu = self.op('Mul', [self.op('Mul', [hidden, self.const(0.5, np.float32)]), self.op('Add', [erf, self.const(1.0, np.float32)])])
        return self.linear(gelu, f'{p}.fc2')

    def length(self, x, axis):
        return self.op('Squeeze', [self.op('Shape', [x], start=axis, end=axis + 1)])

    def mask_bias(self, mask):
        """int64 [B, S] (1 = attend) → float additive bias [B, 1, 1, S]."""
        keep = self.op('Cast', [mask], to=TensorProto.FLOAT)
        bias = self.op('Mul', [self.op('Sub', [self.const(1.0, np.float32), keep]), self.const(-1e9, np.float32)])
        return self.op('Unsqueeze', [bias, self.const([1, 2], np.int64)])

    def positions(self, start, count, table):
        end = self.op('Add', [start, count])
        index = self.op('Add', [self.op('Range', [start, end, self.const(1, np.int64)]), self.const(POS_OFFSET, np.int64)])
        return self.op('Gather', [self.weight(table), index], axis=0), end


def encoder_graph(w):
    g = Graph(w, '')
    S = g.length('input_ids', 1)
    pos, _ = g.positions(g.const(0, np.int64), S, 'model.encoder.embed_positions.weight')
    h = g.op('Add', [g.op('Gather', [g.weight('model.shared.weight'), 'input_ids'], axis=0), pos])
    h = g.norm(h, 'model.encoder.layernorm_embedding')
    bias = g.mask_bias('attention_mask')
    for i in range(ENC_LAYERS):
        p = f'model.encoder.layers.{i}'
        q, k, v = (g.query(h, f'{p}.self_attn'), g.split_heads(g.linear(h, f'{p}.self_attn.k_proj')),
                   g.split_heads(g.linear(h, f'{p}.self_attn.v_proj')))
        attn = g.linear(g.merge_heads(g.attend(q, k, v, bias)), f'{p}.self_attn.out_proj')
        h = g.norm(g.op('Add', [h, attn]), f'{p}.self_attn_layer_norm')
        h = g.norm(g.op('Add', [h, g.ffn(h, p)]), f'{p}.final_layer_norm')
    g.op('Identity', [h], out='last_hidden_state')
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ['batch_size', 'encoder_sequence_length'])
              for n in ('input_ids', 'attention_mask')]
    outputs = [helper.make_tensor_value_info('last_hidden_state', TensorProto.FLOAT, ['batch_size', 'encoder_sequence_length', D_MODEL])]
    return g, inputs, outputs


def kv_info(name, length):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, ['batch_size', HEADS, length, HEAD_DIM])


def decoder_graph(w, with_past, prefix, output_prefix=''):
    """decoder_model (with_past False) or decoder_with_past_model (True), optimum names and semantics."""
    g = Graph(w, prefix)
    T = g.length('input_ids', 1)
    past = g.length('past_key_values.0.decoder.key', 2) if with_past else g.const(0, np.int64)
    pos, total = g.positions(past, T, 'model.decoder.embed_positions.weight')
    h = g.op('Add', [g.op('Gather', [g.weight('model.shared.weight'), 'input_ids'], axis=0), pos])
    h = g.norm(h, 'model.decoder.layernorm_embedding')
    one = g.const(1, np.int64)
    query_pos = g.op('Unsqueeze', [g.op('Range', [past, total, one]), g.const([1], np.int64)])
    key_pos = g.op('Unsqueeze', [g.op('Range', [g.const(0, np.int64), total, one]), g.const([0], np.int64)])
    causal = g.op('Where', [g.op('LessOrEqual', [key_pos, query_pos]), g.const(0.0, np.float32), g.const(-1e9, np.float32)])
    cross_bias = g.mask_bias('encoder_attention_mask')
    presents = []
    for i in range(DEC_LAYERS):
        p = f'model.decoder.layers.{i}'
        q = g.query(h, f'{p}.self_attn')
        k = g.split_heads(g.linear(h, f'{p}.self_attn.k_proj'))
        v = g.split_heads(g.linear(h, f'{p}.self_attn.v_proj'))
        if with_past:
            k = g.op('Concat', [f'past_key_values.{i}.decoder.key', k], axis=2)
            v = g.op('Concat', [f'past_key_values.{i}.decoder.value', v], axis=2)
        presents += [(f'present.{i}.decoder.key', k), (f'present.{i}.decoder.value', v)]
        attn = g.linear(g.merge_heads(g.attend(q, k, v, causal)), f'{p}.self_attn.out_proj')
        h = g.norm(g.op('Add', [h, attn]), f'{p}.self_attn_layer_norm')

        q = g.query(h, f'{p}.encoder_attn')
        if with_past:
            k, v = f'past_key_values.{i}.encoder.key', f'past_key_values.{i}.encoder.value'
        else:
            k = g.split_heads(g.linear('encoder_hidden_states', f'{p}.encoder_attn.k_proj'))
            v = g.split_heads(g.linear('encoder_hidden_states', f'{p}.encoder_attn.v_proj'))
            presents += [(f'present.{i}.encoder.key', k), (f'present.{i}.encoder.value', v)]
        attn = g.linear(g.merge_heads(g.attend(q, k, v, cross_bias)), f'{p}.encoder_attn.out_proj')
        h = g.norm(g.op('Add', [h, attn]), f'{p}.encoder_attn_layer_norm')
        h = g.norm(g.op('Add', [h, g.ffn(h, p)]), f'{p}.final_layer_norm')
    logits = g.op('MatMul', [h, g.weight('lm_head.weight', True)])
    g.op('Add', [logits, g.weight('final_logits_bias')], out=f'{output_prefix}logits')
    outputs = [helper.make_tensor_value_info(f'{output_prefix}logits', TensorProto.FLOAT, ['batch_size', 'decoder_sequence_length', VOCAB])]
    for name, value in presents:
        g.op('Identity', [value], out=output_prefix + name)
        length = 'encoder_sequence_length_out' if '.encoder.' in name else 'present_decoder_sequence_length'
        outputs.append(kv_info(output_prefix + name, length))
    inputs = [helper.make_tensor_value_info('input_ids', TensorProto.INT64, ['batch_size', 'decoder_sequence_length']),
              helper.make_tensor_value_info('encoder_attention_mask', TensorProto.INT64, ['batch_size', 'encoder_sequence_length'])]
    if not with_past:
        inputs.append(helper.make_tensor_value_info('encoder_hidden_states', TensorProto.FLOAT, ['batch_size', 'encoder_sequence_length', D_MODEL]))
    else:
        for i in range(DEC_LAYERS):
            for kind, length in (('decoder', 'past_decoder_sequence_length'), ('encoder', 'encoder_sequence_length_out')):
                inputs += [kv_info(f'past_key_values.{i}.{kind}.{t}', length) for t in ('key', 'value')]
    return g, inputs, outputs


def initializers(w, used):
    out = []
    for key in sorted(used):
        value = w[key[:-2]].T if key.endswith('.T') else w[key]
        out.append(numpy_helper.from_array(np.ascontiguousarray(value, dtype=np.float32), key))
    return out


def model(graph):
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)], producer_name='make-seq2seq-fixture.py')
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def build_models(w):
    enc, enc_in, enc_out = encoder_graph(w)
    encoder = model(helper.make_graph(enc.nodes, 'encoder', enc_in, enc_out, initializers(w, enc.used)))

    dec, dec_in, dec_out = decoder_graph(w, False, '')
    decoder = model(helper.make_graph(dec.nodes, 'decoder', dec_in, dec_out, initializers(w, dec.used)))
    wp, wp_in, wp_out = decoder_graph(w, True, '')
    with_past = model(helper.make_graph(wp.nodes, 'decoder_with_past', wp_in, wp_out, initializers(w, wp.used)))

    # Merged, as optimum's merge_decoders does it: one If on use_cache_branch, weights shared at the top level,
    # inputs the union of both, and the with-past branch (which computes no encoder KV) returning empty constants
    # [0, heads, 1, head_dim] for present.*.encoder.* — the caller keeps the first step's encoder KV.
    no_past, np_in, np_out = decoder_graph(w, False, 'no_past/', 'no_past/')
    cached, _, cached_out = decoder_graph(w, True, 'with_past/', 'with_past/')
    cached_outputs = {o.name: o for o in cached_out}
    branch_outputs = []
    for out in np_out:
        name = out.name.removeprefix('no_past/')
        target = 'with_past/' + name
        if target not in cached_outputs:
            empty = numpy_helper.from_array(np.zeros((0, HEADS, 1, HEAD_DIM), np.float32), target + '_value')
            cached.nodes.append(helper.make_node('Constant', [], [target], name=f'with_past/constant_{name}', value=empty))
            cached_outputs[target] = kv_info(target, 'encoder_sequence_length_out')
        branch_outputs.append(cached_outputs[target])
    then_branch = helper.make_graph(cached.nodes, 'with_past', [], branch_outputs)
    else_branch = helper.make_graph(no_past.nodes, 'no_past', [], np_out)
    outer_outputs = [o.name.removeprefix('no_past/') for o in np_out]
    if_node = helper.make_node('If', ['use_cache_branch'], outer_outputs, name='optimum::if', then_branch=then_branch, else_branch=else_branch)
    merged_inputs = np_in + [i for i in wp_in if i.name not in {x.name for x in np_in}]
    merged_inputs.append(helper.make_tensor_value_info('use_cache_branch', TensorProto.BOOL, [1]))
    merged_outputs = []
    for out in np_out:
        renamed = onnx.ValueInfoProto()
        renamed.CopyFrom(out)
        renamed.name = out.name.removeprefix('no_past/')
        merged_outputs.append(renamed)
    merged = model(helper.make_graph([if_node], 'merged', merged_inputs, merged_outputs,
                                     initializers(w, no_past.used | cached.used)))
    return {'encoder_model.onnx': encoder, 'decoder_model.onnx': decoder, 'decoder_with_past_model.onnx': with_past,
            'decoder_model_merged.onnx': merged}


# ---------------------------------------------------------------- weights that make a useful test

def calibrate(w, seed):
    """Whitens the last decoder LayerNorm (per-dimension mean 0, variance 1 over random inputs) and gives every
    lm_head row the same norm. Raw random weights put most of the hidden state in one fixed direction, so greedy
    decoding collapses onto a few tokens whatever the input; after this the argmax follows the input. Changes
    weights only: the references are computed afterwards from the final weights."""
    rng = np.random.default_rng(seed + 1)
    p = f'model.decoder.layers.{DEC_LAYERS - 1}.final_layer_norm'
    gamma, beta = w[f'{p}.weight'].astype(np.float64), w[f'{p}.bias'].astype(np.float64)
    normalized = []
    for _ in range(12):
        source = [BOS] + list(rng.integers(len(SPECIALS), VOCAB, rng.integers(5, 20))) + [EOS]
        target = [DECODER_START] + list(rng.integers(len(SPECIALS), VOCAB, NEW_TOKENS - 1))
        normalized.append((np_forward(w, source, target)[2] - beta) / gamma)
    z = np.concatenate(normalized)
    w[f'{p}.weight'] = (1 / z.std(0)).astype(np.float32)
    w[f'{p}.bias'] = (-z.mean(0) / z.std(0)).astype(np.float32)
    head = w['lm_head.weight'].astype(np.float64)
    w['lm_head.weight'] = (head / np.linalg.norm(head, axis=1, keepdims=True) * LOGIT_SCALE).astype(np.float32)
    bias = np.zeros(VOCAB)
    bias[[BOS, PAD, UNK]] = -30  # never generated
    bias[EOS] = -30  # set by place_eos
    w['final_logits_bias'] = bias.astype(np.float32)
    return w


def place_eos(w, cases):
    """Sets EOS's logit bias analytically so that EOS first wins, by a margin, at one step in EOS_STEP of one case
    (EOS never wins before that step in that case). Returns False when no case allows it."""
    for case in cases:
        ids, gaps = [DECODER_START] + case['generated_ids'], []
        logits = np_forward(w, case['input_ids'], ids)[0]
        for row in logits[:NEW_TOKENS]:
            others = np.delete(row, EOS)
            gaps.append(float(others.max() - row[EOS]))
        for k in EOS_STEP:
            if gaps[k] + 0.25 < min(gaps[:k]):
                w['final_logits_bias'][EOS] += np.float32(gaps[k] + 0.1)
                return True
    return False


def references(w, token_ids, dtype=np.float64, mutation=None):
    cases = []
    for text, ids in token_ids:
        generated, margins, first_logits, encoded = np_greedy(w, ids, NEW_TOKENS, dtype, mutation)
        cases.append({'text': text, 'input_ids': ids, 'generated_ids': generated, 'min_margin': min(margins),
                      '_first_logits': first_logits, '_encoded': encoded})
    return cases


def problems(w, cases, token_ids):
    """What the fixture would fail to test with these weights (empty when it is a good fixture)."""
    found = []
    if min(c['min_margin'] for c in cases) < MIN_MARGIN:
        found.append('margin')
    outs = [c['generated_ids'] for c in cases[:len(INPUTS)]]
    if len({tuple(o[:6]) for o in outs}) != len(outs):
        found.append('source')  # every input must give its own output within a few tokens (the encoder matters)
    for out in outs:
        if len(set(out)) < 6 or any(len(set(out[i:i + 4])) == 1 for i in range(len(out) - 3)):
            found.append('variety')  # varied enough that a wrong position or cache shows
            break
    firsts = [next((i for i, t in enumerate(o) if t == EOS), None) for o in outs]
    if not any(f is not None and f in EOS_STEP for f in firsts):
        found.append('eos')
    if not any(f is None or f >= 12 for f in firsts):
        found.append('no-eos')  # the stop-string tests want one case that runs 12 tokens without EOS
    for mutation in ('position', 'no_history', 'no_source'):
        wrong = references(w, token_ids[:len(INPUTS)], mutation=mutation)
        if any(a['generated_ids'][:12] == b['generated_ids'][:12] for a, b in zip(cases, wrong)):
            found.append(mutation)  # an engine with this bug must fail on every case within 12 tokens
    return found


def search(token_ids):
    tally = Counter()
    for seed in range(BASE_SEED, BASE_SEED + MAX_SEEDS):
        w = calibrate(make_weights(seed), seed)
        if not place_eos(w, references(w, token_ids[:len(INPUTS)])):
            tally['eos-placement'] += 1
            continue
        cases = references(w, token_ids)
        found = problems(w, cases, token_ids)
        if not found:
            return seed, w, cases
        tally.update(found)
    raise SystemExit(f'no acceptable seed in {MAX_SEEDS}: {dict(tally)}')


def encoder_ids(text, vocab, merges):
    """Specials kept, content truncated at the end to fit the encoder window (the engine does the same)."""
    ids = bpe_encode(text, vocab, merges)
    if len(ids) <= MAX_POS:
        return ids, 0
    return ids[:MAX_POS - 1] + [ids[-1]], len(ids) - MAX_POS


# ---------------------------------------------------------------- files

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--out', default=os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'seq2seq-tiny'))
    args = parser.parse_args()
    out = os.path.normpath(args.out)
    os.makedirs(out, exist_ok=True)

    vocab, merges = train_bpe()
    token_ids = [(text, bpe_encode(text, vocab, merges)) for text in INPUTS]
    for text, ids in token_ids:
        assert len(ids) < MAX_POS
    long_ids, dropped = encoder_ids(LONG_INPUT, vocab, merges)
    assert dropped > 0
    token_ids.append((LONG_INPUT, long_ids))
    seed, weights, cases = search(token_ids)
    cases[-1]['dropped'] = dropped

    for name, m in build_models(weights).items():
        onnx.save(m, os.path.join(out, name))

    def dump(name, value):
        with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
            json.dump(value, f, ensure_ascii=False, indent=1 if name == 'tokenizer.json' else 2)
            f.write('\n')

    dump('tokenizer.json', tokenizer_json(vocab, merges))
    dump('tokenizer_config.json', {
        'tokenizer_class': 'PreTrainedTokenizerFast', 'model_max_length': MAX_POS, 'bos_token': '<s>', 'eos_token': '</s>',
        'pad_token': '<pad>', 'unk_token': '<unk>', 'clean_up_tokenization_spaces': False,
    })
    dump('config.json', {
        'architectures': ['BartForConditionalGeneration'], 'model_type': 'bart', 'is_encoder_decoder': True,
        'vocab_size': VOCAB, 'd_model': D_MODEL, 'encoder_layers': ENC_LAYERS, 'decoder_layers': DEC_LAYERS,
        'num_hidden_layers': ENC_LAYERS, 'encoder_attention_heads': HEADS, 'decoder_attention_heads': HEADS,
        'encoder_ffn_dim': FFN, 'decoder_ffn_dim': FFN, 'max_position_embeddings': MAX_POS,
        'activation_function': 'gelu', 'scale_embedding': False, 'tie_word_embeddings': False,
        'bos_token_id': BOS, 'pad_token_id': PAD, 'eos_token_id': EOS, 'decoder_start_token_id': DECODER_START,
        'forced_eos_token_id': None,
    })
    dump('generation_config.json', {
        'bos_token_id': BOS, 'pad_token_id': PAD, 'eos_token_id': EOS, 'decoder_start_token_id': DECODER_START,
    })
    first = cases[0]
    dump('reference.json', {
        'about': 'Greedy decoding by an independent float64 numpy forward pass (full recompute per step, no KV cache) '
                 'of the float32 weights in the ONNX files; see README.md.',
        'seed': seed,
        'new_tokens': NEW_TOKENS,
        'decoder_start_token_id': DECODER_START,
        'eos_token_id': EOS,
        'min_margin': min(c['min_margin'] for c in cases),
        'cases': [{k: v for k, v in c.items() if not k.startswith('_')} for c in cases],
        'case0_first_step_logits': [round(float(x), 6) for x in first['_first_logits']],
        'case0_encoder_hidden_first_row': [round(float(x), 6) for x in first['_encoded'][0]],
    })
    # float32 numpy as a second opinion on the margins (fp32 engines should land on the same ids)
    for c in cases:
        assert np_greedy(weights, c['input_ids'], NEW_TOKENS, np.float32)[0] == c['generated_ids']
    total = sum(os.path.getsize(os.path.join(out, f)) for f in os.listdir(out))
    print(f'seed {seed}; min margin {min(c["min_margin"] for c in cases):.4f}; {total} bytes in {out}')
    for c in cases:
        print(c['text'], c['input_ids'], c['generated_ids'], f'{c["min_margin"]:.4f}', repr(bpe_decode(c['generated_ids'], vocab)))


if __name__ == '__main__':
    main()
