#!/usr/bin/python3
"""Step 3 of the script-writer pipeline: trains the encoder-decoder script writer on CPU (2 threads), or with
--arch deconly the decoder-only comparison model of matched size (--layers) on the same data.

    /usr/bin/python3 models/training/scriptwriter/train_scriptwriter.py [--minutes 90] [--batch 32] [--lr 2e-3]
        [--data .cache/scriptwriter] [--d-model 128] [--heads 4] [--ffn 384] [--enc-layers 3] [--dec-layers 3] [--fresh]
        [--arch encdec|deconly] [--layers 7] [--also DIR]...

Reads <data>/{train,dev}.ids.jsonl and <data>/tokenizer/tokenizer.json (prepare.mjs). The model is the same
pre-LayerNorm encoder-decoder as the story student (models/training/encdec_model.py), sized by the flags. Batches
are runs of rows with similar input lengths (rows sorted by length, a random start, `batch` rows), so little of a
step is padding. AdamW, warm-up then cosine decay over the wall-time budget (the shared CPU's speed varies, so the
schedule follows elapsed time). A checkpoint (<data>/sw-ckpt.pt) is written every 60 s and resumed unless --fresh.
Writes <data>/scriptwriter.pt, <data>/sw-loss.csv and <data>/sw-summary.json (dev loss and greedy exact-script rate);
the decoder-only run writes deconly.pt, do-loss.csv, do-summary.json and do-ckpt.pt.
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
import encdec_model as M  # noqa: E402
import deconly_model as D  # noqa: E402

ARCH = 'encdec'


def load(path):
    if not os.path.exists(path):
        raise SystemExit(f'train_scriptwriter: {path} is missing: run make-corpus.mjs and prepare.mjs first')
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def make_batch(rows):
    src_len = max(len(r['src']) for r in rows)
    tgt_len = max(len(r['tgt']) for r in rows)
    src = torch.full((len(rows), src_len), M.PAD, dtype=torch.long)
    mask = torch.zeros((len(rows), src_len), dtype=torch.long)
    dec_in = torch.full((len(rows), tgt_len), M.PAD, dtype=torch.long)
    target = torch.full((len(rows), tgt_len), -100, dtype=torch.long)
    for i, r in enumerate(rows):
        s, t = r['src'], r['tgt']
        src[i, :len(s)] = torch.tensor(s)
        mask[i, :len(s)] = 1
        dec_in[i, :len(t)] = torch.tensor([M.DECODER_START] + t[:-1])
        target[i, :len(t)] = torch.tensor(t)
    return src, mask, dec_in, target


def make_lm_batch(rows):
    """Decoder-only rows: `src tgt` with the loss on the script only (src already ends with </s>)."""
    length = max(len(r['src']) + len(r['tgt']) - 1 for r in rows)
    ids = torch.full((len(rows), length), M.PAD, dtype=torch.long)
    mask = torch.zeros((len(rows), length), dtype=torch.long)
    target = torch.full((len(rows), length), -100, dtype=torch.long)
    for i, r in enumerate(rows):
        full = r['src'] + r['tgt']
        ids[i, :len(full) - 1] = torch.tensor(full[:-1])
        mask[i, :len(full) - 1] = 1
        target[i, len(r['src']) - 1:len(full) - 1] = torch.tensor(r['tgt'])
    return ids, mask, target


def loss_of(model, rows):
    if ARCH == 'deconly':
        ids, mask, target = make_lm_batch(rows)
        logits = model(ids, mask)
        return F.cross_entropy(logits.reshape(-1, M.VOCAB), target.reshape(-1), ignore_index=-100, reduction='sum'), int((target >= 0).sum())
    src, mask, dec_in, target = make_batch(rows)
    logits = model(src, mask, dec_in)
    return F.cross_entropy(logits.reshape(-1, M.VOCAB), target.reshape(-1), ignore_index=-100, reduction='sum'), int((target >= 0).sum())


@torch.no_grad()
def dev_loss(model, rows, batch=32):
    model.eval()
    nll, tokens = 0.0, 0
    ordered = sorted(rows, key=lambda r: len(r['src']))
    for i in range(0, len(ordered), batch):
        total, n = loss_of(model, ordered[i:i + batch])
        nll += float(total)
        tokens += n
    model.train()
    return nll / max(1, tokens)


@torch.no_grad()
def greedy(model, src, max_new=160):
    """Greedy decoding with the self-attention cache (what the ONNX engine does); stops at EOS."""
    ids = torch.tensor([src])
    mask = torch.ones_like(ids)
    cross = model.cross_kv(model.encode(ids, mask))
    past = model.empty_past(1)
    out = [M.DECODER_START]
    for _ in range(max_new):
        logits, past = model.decode(torch.tensor([[out[-1]]]), mask, cross, past)
        nxt = int(torch.argmax(logits[0, -1]))
        out.append(nxt)
        if nxt == M.EOS:
            break
    return out[1:]


def exact_rate(model, rows):
    model.eval()
    decode = D.greedy if ARCH == 'deconly' else greedy
    hits = sum(1 for r in rows if decode(model, r['src'], len(r['tgt']) + 8) == r['tgt'])
    model.train()
    return hits / max(1, len(rows))


def lr_at(step, progress, peak, warmup=200):
    if step < warmup:
        return peak * (step + 1) / warmup
    return peak * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='.cache/scriptwriter')
    ap.add_argument('--minutes', type=float, default=90.0)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--seed', type=int, default=1234)
    ap.add_argument('--d-model', type=int, default=128)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--ffn', type=int, default=384)
    ap.add_argument('--enc-layers', type=int, default=3)
    ap.add_argument('--dec-layers', type=int, default=3)
    ap.add_argument('--eval-every', type=int, default=400)
    ap.add_argument('--fresh', action='store_true')
    ap.add_argument('--also', action='append', default=[],
                    help='also train on DIR/train.ids.jsonl (a corpus prepared with the same tokenizer), read before --data\'s rows')
    ap.add_argument('--init', help='start from these weights (a scriptwriter.pt of the same shape and tokenizer): fine-tuning')
    ap.add_argument('--arch', choices=['encdec', 'deconly'], default='encdec')
    ap.add_argument('--layers', type=int, default=7, help='decoder-only: number of layers')
    ap.add_argument('--threads', type=int, default=2, help='torch threads (1 each when two runs share the 2 cores)')
    ap.add_argument('--no-scale-embedding', dest='scale_embedding', action='store_false',
                    help='add positions to unscaled token embeddings (as the story student does)')
    args = ap.parse_args()
    global ARCH
    ARCH = args.arch
    tag = 'sw' if ARCH == 'encdec' else 'do'
    if args.minutes > 90:
        raise SystemExit('train_scriptwriter: the budget is at most 90 minutes')

    with open(os.path.join(args.data, 'tokenizer', 'tokenizer.json')) as f:
        vocab = len(json.load(f)['model']['vocab'])
    M.configure(vocab=vocab, d_model=args.d_model, heads=args.heads, ffn=args.ffn, enc_layers=args.enc_layers, dec_layers=args.dec_layers,
                scale_embedding=args.scale_embedding)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rows = [r for extra in args.also for r in load(os.path.join(extra, 'train.ids.jsonl'))] + load(os.path.join(args.data, 'train.ids.jsonl'))
    train = sorted(rows, key=lambda r: len(r['src']))
    dev = load(os.path.join(args.data, 'dev.ids.jsonl'))
    model = M.EncDec() if ARCH == 'encdec' else D.DecOnly(args.layers)
    params = M.count_params(model)
    print(f'script writer ({ARCH}): {params:,} parameters, vocab {vocab}, {len(train)} train rows, {len(dev)} dev rows', flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)

    ckpt_path = os.path.join(args.data, f'{tag}-ckpt.pt')
    state = {'step': 0, 'elapsed': 0.0, 'tokens': 0, 'log': [], 'window': []}
    if os.path.exists(ckpt_path) and not args.fresh:
        ckpt = torch.load(ckpt_path)
        model.load_state_dict(ckpt['model'])
        opt.load_state_dict(ckpt['opt'])
        state = ckpt['state']
        print(f'resumed at step {state["step"]} ({state["elapsed"]:.0f} s)', flush=True)
    elif args.init:
        model.load_state_dict(torch.load(args.init))
        print(f'fine-tuning from {args.init}', flush=True)

    def save():
        tmp = ckpt_path + '.tmp'
        torch.save({'model': model.state_dict(), 'opt': opt.state_dict(), 'state': state, 'args': vars(args)}, tmp)
        os.replace(tmp, ckpt_path)

    budget = args.minutes * 60
    session_start = time.time()
    base_elapsed = state['elapsed']
    last_save = time.time()
    dev_probe = dev[:40]
    while True:
        elapsed = base_elapsed + time.time() - session_start
        if elapsed >= budget:
            break
        rng = np.random.default_rng([args.seed, state['step']])
        start = int(rng.integers(0, max(1, len(train) - args.batch)))
        rows = train[start:start + args.batch]
        for group in opt.param_groups:
            group['lr'] = lr_at(state['step'], elapsed / budget, args.lr)
        total, n = loss_of(model, rows)
        opt.zero_grad()
        (total / n).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        state['step'] += 1
        state['tokens'] += n
        state['window'] = (state['window'] + [float(total) / n])[-50:]
        state['elapsed'] = base_elapsed + time.time() - session_start
        step = state['step']
        if step % 50 == 0 or step == 1:
            entry = {'step': step, 'seconds': round(state['elapsed'], 1), 'tokens': state['tokens'],
                     'train_loss': round(sum(state['window']) / len(state['window']), 4), 'dev_loss': '', 'dev_exact': ''}
            if step % args.eval_every == 0:
                entry['dev_loss'] = round(dev_loss(model, dev), 4)
                entry['dev_exact'] = round(exact_rate(model, dev_probe), 3)
            state['log'].append(entry)
            print(json.dumps(entry), flush=True)
        if time.time() - last_save > 60:
            save()
            last_save = time.time()

    final_loss = dev_loss(model, dev)
    exact = exact_rate(model, dev[:200])
    state['log'].append({'step': state['step'], 'seconds': round(state['elapsed'], 1), 'tokens': state['tokens'],
                         'train_loss': round(sum(state['window']) / max(1, len(state['window'])), 4),
                         'dev_loss': round(final_loss, 4), 'dev_exact': round(exact, 3)})
    save()
    torch.save(model.state_dict(), os.path.join(args.data, 'scriptwriter.pt' if ARCH == 'encdec' else 'deconly.pt'))
    with open(os.path.join(args.data, f'{tag}-loss.csv'), 'w', newline='') as f:
        writer = csv.DictWriter(f, fieldnames=['step', 'seconds', 'tokens', 'train_loss', 'dev_loss', 'dev_exact'])
        writer.writeheader()
        writer.writerows(state['log'])
    summary = {
        'arch': ARCH, 'layers': args.layers if ARCH == 'deconly' else None, 'params': params, 'vocab': vocab, 'd_model': M.D_MODEL, 'heads': M.HEADS, 'ffn': M.FFN,
        'encoder_layers': M.ENC_LAYERS, 'decoder_layers': M.DEC_LAYERS, 'scale_embedding': M.SCALE_EMBEDDING, 'steps': state['step'],
        'budget_minutes': args.minutes, 'seconds': round(state['elapsed'], 1), 'loss_tokens_seen': state['tokens'],
        'batch': args.batch, 'lr': args.lr, 'seed': args.seed, 'init': args.init, 'also': args.also, 'train_rows': len(train), 'dev_rows': len(dev),
        'dev_loss': final_loss, 'dev_exact_script_rate_first_200': exact,
        'torch': torch.__version__, 'threads': torch.get_num_threads(),
    }
    with open(os.path.join(args.data, f'{tag}-summary.json'), 'w') as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary, indent=2))


if __name__ == '__main__':
    main()
