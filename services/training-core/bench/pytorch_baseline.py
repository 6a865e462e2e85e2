#!/usr/bin/env python3
"""The report's model-2 training in plain PyTorch eager mode: the baseline `./lenetlab bench` is
compared with. Same settings as the preset (LeNet-5, ReLU + max pooling, Adam lr 0.01 with
weight_decay 0.001, batch 256, StepLR(1, 0.7), Normalize(0.5, 0.5)); reads the IDX files directly,
so no torchvision and no download are needed (Debian: apt-get install -y python3-torch).

usage: pytorch_baseline.py [--epochs N] [--threads N] [--flush-denormal] [--data-dir DIR]
"""
import argparse
import gzip
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F


def read_idx(path: Path, header: int) -> np.ndarray:
    data = gzip.open(path).read() if path.suffix == ".gz" else path.read_bytes()
    return np.frombuffer(data, dtype=np.uint8, offset=header)


def load(data_dir: Path, prefix: str):
    def find(name):
        for candidate in (data_dir / f"{name}.gz", data_dir / name):
            if candidate.exists():
                return candidate
        raise SystemExit(f"{name} not found in {data_dir}")
    images = read_idx(find(f"{prefix}-images-idx3-ubyte"), 16).reshape(-1, 1, 28, 28)
    labels = read_idx(find(f"{prefix}-labels-idx1-ubyte"), 8)
    x = (torch.from_numpy(images.copy()).float() / 255 - 0.5) / 0.5
    return x, torch.from_numpy(labels.astype(np.int64))


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return F.log_softmax(self.fc3(F.relu(self.fc2(F.relu(self.fc1(x))))), dim=1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=14)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--flush-denormal", action="store_true")
    p.add_argument("--data-dir", type=Path, default=Path("/usr/share/datasets/fashion-mnist"))
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(args.flush_denormal)
    torch.manual_seed(1)
    train_x, train_y = load(args.data_dir, "train")
    test_x, test_y = load(args.data_dir, "t10k")
    model = LeNet5()
    opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=0.001)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.7)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, flush denormal {args.flush_denormal}")
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(train_x))
        start = time.perf_counter()
        for i in range(0, len(order), 256):
            idx = order[i:i + 256]
            opt.zero_grad()
            loss = F.nll_loss(model(train_x[idx]), train_y[idx])
            loss.backward()
            opt.step()
        seconds = time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            correct = sum((model(test_x[i:i + 1000]).argmax(1) == test_y[i:i + 1000]).sum().item()
                          for i in range(0, len(test_x), 1000))
        sched.step()
        print(f"epoch {epoch:2d}  {len(train_x) / seconds:8.0f} ex/s  test acc {correct / len(test_x):.4f}", flush=True)


if __name__ == "__main__":
    main()
