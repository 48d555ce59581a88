#!/usr/bin/python3
"""Merges an exported decoder pair (decoder_model.onnx: first step; decoder_with_past_model.onnx: later steps) into one
decoder_model_merged.onnx, as optimum's merge_decoders does: one If on a `use_cache_branch` input, the weights stored
once at the top level, the inputs the union of both, and the with-past branch returning empty [0, heads, 1, head_dim]
constants for present.*.encoder.* (the caller keeps the first step's encoder KV). OrtSeq2SeqEngine loads either layout.

    /usr/bin/python3 models/training/merge_decoders.py DIR [--keep-split]

Checks the merged graph with onnx.checker; removes the split pair unless --keep-split.
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def branch(graph, prefix, outer):
    """The graph's nodes as an If branch: every value it makes renamed with `prefix` (outer names kept)."""
    rename = {}
    nodes = []
    for node in graph.node:
        copy = onnx.NodeProto()
        copy.CopyFrom(node)
        copy.name = prefix + (node.name or node.op_type)
        for i, name in enumerate(copy.output):
            if name and name not in outer:
                rename[name] = prefix + name
                copy.output[i] = rename[name]
        nodes.append(copy)
    for node in nodes:
        for i, name in enumerate(node.input):
            if name in rename:
                node.input[i] = rename[name]
    outputs = []
    for out in graph.output:
        renamed = onnx.ValueInfoProto()
        renamed.CopyFrom(out)
        renamed.name = rename.get(out.name, out.name)
        outputs.append(renamed)
    return nodes, outputs


def shared_initializers(*graphs):
    """Initializers of all graphs, each name once; the same name with other content is an error."""
    seen = {}
    for graph in graphs:
        for init in graph.initializer:
            known = seen.get(init.name)
            if known is None:
                seen[init.name] = init
            elif not np.array_equal(numpy_helper.to_array(known), numpy_helper.to_array(init)):
                raise SystemExit(f'merge_decoders: initializer {init.name} differs between the two decoders')
    return list(seen.values())


def merge(first, past):
    heads, head_dim = None, None
    for value in first.graph.output:
        if value.name.startswith('present.') and value.name.endswith('.encoder.key'):
            dims = value.type.tensor_type.shape.dim
            heads, head_dim = dims[1].dim_value, dims[3].dim_value
    if not heads or not head_dim:
        raise SystemExit('merge_decoders: the first-step decoder has no present.N.encoder.key output with static heads/head_dim')
    first_inputs = {i.name for i in first.graph.input}
    inputs = list(first.graph.input) + [i for i in past.graph.input if i.name not in first_inputs]
    inputs.append(helper.make_tensor_value_info('use_cache_branch', TensorProto.BOOL, [1]))
    initializers = shared_initializers(first.graph, past.graph)
    outer = {i.name for i in inputs} | {i.name for i in initializers}

    no_past_nodes, no_past_out = branch(first.graph, 'no_past/', outer)
    cached_nodes, cached_out = branch(past.graph, 'with_past/', outer)
    by_name = {}
    for original, renamed in zip(past.graph.output, cached_out):
        by_name[original.name] = renamed
    then_outputs = []
    for out in first.graph.output:
        if out.name in by_name:
            then_outputs.append(by_name[out.name])
            continue
        # present.N.encoder.*: the cached branch computes none; an empty constant of the same rank stands in.
        name = 'with_past/' + out.name
        empty = numpy_helper.from_array(np.zeros((0, heads, 1, head_dim), np.float32), name + '_value')
        cached_nodes.append(helper.make_node('Constant', [], [name], name='with_past/constant_' + out.name, value=empty))
        then_outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, [None, heads, None, head_dim]))
    then_branch = helper.make_graph(cached_nodes, 'with_past', [], then_outputs)
    else_branch = helper.make_graph(no_past_nodes, 'no_past', [], no_past_out)
    outputs = [o.name for o in first.graph.output]
    node = helper.make_node('If', ['use_cache_branch'], outputs, name='optimum::if', then_branch=then_branch, else_branch=else_branch)
    graph = helper.make_graph([node], 'decoder_merged', inputs, list(first.graph.output), initializers)
    merged = helper.make_model(graph, opset_imports=list(first.opset_import), producer_name='pocket-slm merge_decoders')
    merged.ir_version = first.ir_version
    onnx.checker.check_model(merged)
    return merged


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--keep-split', action='store_true')
    args = ap.parse_args()
    first_path = os.path.join(args.dir, 'decoder_model.onnx')
    past_path = os.path.join(args.dir, 'decoder_with_past_model.onnx')
    for path in (first_path, past_path):
        if not os.path.exists(path):
            raise SystemExit(f'merge_decoders: {path} is missing')
    merged = merge(onnx.load(first_path), onnx.load(past_path))
    out = os.path.join(args.dir, 'decoder_model_merged.onnx')
    onnx.save(merged, out)
    if not args.keep_split:
        os.remove(first_path)
        os.remove(past_path)
    print(f'merged into {out} ({os.path.getsize(out):,} bytes)')


if __name__ == '__main__':
    main()
