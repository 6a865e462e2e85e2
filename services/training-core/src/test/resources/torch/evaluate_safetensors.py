#!/usr/bin/env python3
"""Loads a safetensors file written by LeNet Lab into a PyTorch nn.Sequential with load_state_dict
(strict) and evaluates it on the first N Fashion-MNIST test images.

Debian has no python3-safetensors, so the file is read here by hand, as the format defines it: an
8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw
little-endian bytes (safetensors.torch.load_file gives the same dict where the package is installed).

usage: evaluate_safetensors.py WEIGHTS DATA_DIR N SPEC
SPEC is JSON: {"net": "report"} for the report's own nn.Sequential (copied verbatim below), or
{"net": "config", "config": {...}} for a LeNet Lab config; plus "normalization" (unit, centered,
standardized). Prints JSON: accuracy, each image's predicted class and top probability.
"""
import gzip
import json
import struct
import sys

import torch
from torch import nn

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "I32": torch.int32,
          "F16": torch.float16, "U8": torch.uint8}


def load_file(path):
    """What safetensors.torch.load_file returns: {name: tensor}."""
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = DTYPES[info["dtype"]]
        raw = bytearray(body[start:end])
        tensor = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        tensors[name] = tensor.reshape(info["shape"]).clone()
    return tensors


def report_net():
    # the report's model, verbatim (lenet5-fashion-mnist-report, section 1)
    net = nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
        nn.AvgPool2d(kernel_size=2, stride=2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
        nn.Linear(120, 84), nn.Sigmoid(),
        nn.Linear(84, 10))
    return net


def config_net(c):
    """A LeNet Lab config as the nn.Sequential its layers mirror (LeNet.java), layer for layer."""
    act = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}[c["activation"]]
    pool = {"max": nn.MaxPool2d, "avg": nn.AvgPool2d}[c["pooling"]]
    k, c1, c2, f1, f2 = c["kernelSize"], c["conv1Channels"], c["conv2Channels"], c["fc1Units"], c["fc2Units"]
    bn, dropout = c["batchNorm"], c["dropout"]
    layers = [nn.Conv2d(1, c1, k, padding=(k - 1) // 2)]
    layers += [nn.BatchNorm2d(c1)] if bn else []
    layers += [act(), pool(2, 2), nn.Conv2d(c1, c2, k)]
    layers += [nn.BatchNorm2d(c2)] if bn else []
    layers += [act(), pool(2, 2), nn.Flatten()]
    side = (28 // 2 - k + 1) // 2
    for n_in, n_out in ((c2 * side * side, f1), (f1, f2)):
        layers += [nn.Linear(n_in, n_out)]
        layers += [nn.BatchNorm1d(n_out)] if bn else []
        layers += [act()]
        layers += [nn.Dropout(dropout)] if dropout > 0 else []
    layers += [nn.Linear(f2, 10)]
    return nn.Sequential(*layers)


def test_set(data_dir, n):
    with gzip.open(f"{data_dir}/t10k-images-idx3-ubyte.gz") as f:
        images = f.read()[16:16 + n * 784]
    with gzip.open(f"{data_dir}/t10k-labels-idx1-ubyte.gz") as f:
        labels = f.read()[8:8 + n]
    x = torch.frombuffer(bytearray(images), dtype=torch.uint8).reshape(n, 1, 28, 28).float() / 255
    return x, torch.tensor(list(labels))


def main():
    weights, data_dir, n, spec = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
    net = report_net() if spec["net"] == "report" else config_net(spec["config"])
    net.load_state_dict(load_file(weights))  # strict: every name and shape must match
    net.eval()
    mean, std = {"unit": (0.0, 1.0), "centered": (0.5, 0.5), "standardized": (0.2860, 0.3530)}[spec["normalization"]]
    x, y = test_set(data_dir, n)
    with torch.no_grad():
        probabilities = torch.softmax(net((x - mean) / std), dim=1)
    top, predicted = probabilities.max(dim=1)
    print(json.dumps({"accuracy": (predicted == y).sum().item() / n, "predicted": predicted.tolist(),
                      "top": top.tolist()}))


if __name__ == "__main__":
    main()
