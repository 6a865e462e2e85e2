#!/usr/bin/env python3
"""The report's model-2 training script, rewritten faithfully for timing: the same loop as the
report's (torchvision's FashionMNIST with ToTensor + Normalize((0.5,), (0.5,)) per image, a
DataLoader of batch 256 without shuffling, as the script runs on the CPU; Adam lr 0.01 with
weight_decay 0.001; StepLR(1, 0.7); loss.item() after every batch and a log line every 10; a test
pass with batch 256 after each epoch), timed per epoch. The plots are left out. Dataset files are
read from the Debian package (no download); Debian's PyTorch and torchvision:
apt-get install -y python3-torch python3-torchvision.

usage: /usr/bin/python3 report_script.py [--epochs N] [--threads N] [--flush-denormal] [--dropout]
prints one line per epoch: "epoch E  <train examples/s> ex/s  test acc <A>  <seconds> s"
"""
import argparse
import gzip
import shutil
import tempfile
import time
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR
from torchvision import datasets, transforms


class LeNet5(nn.Module):
    """Model 2 of the report; with dropout it is model 3."""

    def __init__(self, dropout: bool):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.pool1 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool2 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
        self.dropout = nn.Dropout(0.5) if dropout else nn.Identity()

    def forward(self, x):
        x = self.pool1(F.relu(self.conv1(x)))
        x = self.pool2(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = self.dropout(F.relu(self.fc1(x)))
        x = self.dropout(F.relu(self.fc2(x)))
        return F.log_softmax(self.fc3(x), dim=1)


def train(model, loader, optimizer, epoch, log_interval=10):
    model.train()
    losses = []
    for batch_idx, (data, target) in enumerate(loader):
        optimizer.zero_grad()
        loss = F.nll_loss(model(data), target)
        loss.backward()
        optimizer.step()
        if batch_idx % log_interval == 0:
            print(f"Train Epoch: {epoch} [{batch_idx * len(data)}/{len(loader.dataset)}]\tLoss: {loss.item():.6f}",
                  flush=True)
        losses.append(loss.item())
    return losses


def test(model, loader):
    model.eval()
    test_loss, correct = 0.0, 0
    with torch.no_grad():
        for data, target in loader:
            output = model(data)
            test_loss += F.nll_loss(output, target, reduction="sum").item()
            correct += output.argmax(dim=1, keepdim=True).eq(target.view(-1, 1)).sum().item()
    return test_loss / len(loader.dataset), correct / len(loader.dataset)


def raw_copy(source: Path) -> Path:
    """torchvision reads <root>/FashionMNIST/raw/<name> uncompressed: unpack the Debian files there."""
    root = Path(tempfile.mkdtemp(prefix="fashion-mnist-"))
    raw = root / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                 "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        with gzip.open(source / f"{name}.gz") as packed, open(raw / name, "wb") as out:
            shutil.copyfileobj(packed, out)
    return root


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=14)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--flush-denormal", action="store_true")
    p.add_argument("--dropout", action="store_true", help="model 3 instead of model 2")
    p.add_argument("--data-dir", type=Path, default=Path("/usr/share/datasets/fashion-mnist"))
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(args.flush_denormal)
    torch.manual_seed(1)

    root = raw_copy(args.data_dir)
    try:
        transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])
        train_set = datasets.FashionMNIST(root, train=True, download=False, transform=transform)
        test_set = datasets.FashionMNIST(root, train=False, download=False, transform=transform)
        train_loader = torch.utils.data.DataLoader(train_set, batch_size=256)
        test_loader = torch.utils.data.DataLoader(test_set, batch_size=256)

        model = LeNet5(args.dropout)
        optimizer = optim.Adam(model.parameters(), lr=0.01, weight_decay=0.001)
        scheduler = StepLR(optimizer, step_size=1, gamma=0.7)
        print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, "
              f"flush denormal {args.flush_denormal}", flush=True)
        for epoch in range(1, args.epochs + 1):
            start = time.perf_counter()
            train(model, train_loader, optimizer, epoch)
            seconds = time.perf_counter() - start
            _, accuracy = test(model, test_loader)
            scheduler.step()
            print(f"epoch {epoch:2d}  {len(train_set) / seconds:8.0f} ex/s  test acc {accuracy:.4f}  "
                  f"{seconds:.1f} s", flush=True)
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
