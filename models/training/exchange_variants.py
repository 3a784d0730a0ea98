#!/usr/bin/python3
"""Variants tried against Repeat on the Exchange protocol, each chosen on the validation windows only.

    /usr/bin/python3 models/training/exchange_variants.py --csv ../shared/data/exchange_rate.csv

Same protocol as train_exchange.py (TSLib 70/10/20 borders, z-score with training statistics, input 96, every
window). For each horizon it prints validation and test MSE of:
  - mean of the last k inputs (k in 2, 3, 5, 10): less noise in the starting level;
  - shrinkage of the last value towards the training mean, y = last * (1 - a * H / 96);
  - ridge on momentum features (the change over the last 1, 5, 20, 60, 95 steps) of the channel itself ("uni")
    or of all 8 channels ("multi"), penalty and one shrinkage factor in [0, 1] chosen on validation.
A variant is only eligible if validation chooses it; test figures are printed to report, never to select.
"""
import argparse
import csv

import numpy as np

L = 96
HORIZONS = [96, 192, 336, 720]
LAGS = [1, 5, 20, 60, 95]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    args = ap.parse_args()
    with open(args.csv, newline="") as f:
        rows = list(csv.reader(f))
    raw = np.array([[float(v) for v in r[1:]] for r in rows[1:]])
    n = len(raw)
    n_train, n_test = int(n * 0.7), int(n * 0.2)
    n_val = n - n_train - n_test
    mean, std = raw[:n_train].mean(0), raw[:n_train].std(0)
    d = (raw - mean) / std
    C = d.shape[1]
    splits = {"train": (0, n_train), "val": (n_train - L, n_train + n_val), "test": (n - n_test - L, n)}

    def windows(lo, hi, H):
        xs, ys = [], []
        for c in range(C):
            for t in range(lo, hi - L - H + 1):
                xs.append(d[t : t + L, c])
                ys.append(d[t + L : t + L + H, c])
        return np.array(xs), np.array(ys)

    def momentum(lo, hi, H, multi):
        X, Y = [], []
        for c in range(C):
            for t in range(lo, hi - L - H + 1):
                e = t + L - 1
                chans = range(C) if multi else [c]
                X.append([d[e, k] - d[e - j, k] for k in chans for j in LAGS])
                Y.append(d[t + L : t + L + H, c] - d[e, c])
        return np.array(X), np.array(Y)

    mse = lambda p, y: float(((p - y) ** 2).mean())
    for H in HORIZONS:
        print(f"horizon {H}")
        res = {}
        for split in ("val", "test"):
            x, y = windows(*splits[split], H)
            last = x[:, -1:]
            res.setdefault("repeat", {})[split] = mse(np.repeat(last, H, 1), y)
            for k in (2, 3, 5, 10):
                res.setdefault(f"mean of last {k}", {})[split] = mse(np.repeat(x[:, -k:].mean(1, keepdims=True), H, 1), y)
            for a in (0.005, 0.01, 0.02):
                res.setdefault(f"towards training mean a={a}", {})[split] = mse(np.repeat(last * (1 - a * H / 96), H, 1), y)
        for multi in (False, True):
            Xtr, Ytr = momentum(*splits["train"], H, multi)
            Xv, Yv = momentum(*splits["val"], H, multi)
            Xt, Yt = momentum(*splits["test"], H, multi)
            best = None
            for lam in (1e-2, 1e-1, 1, 10, 100):
                W = np.linalg.solve(Xtr.T @ Xtr + lam * len(Xtr) * np.eye(Xtr.shape[1]), Xtr.T @ Ytr)
                cv = Xv @ W
                a = float(np.clip((cv * Yv).sum() / max((cv * cv).sum(), 1e-12), 0, 1))
                v = mse(a * cv, Yv)
                if best is None or v < best[0]:
                    best = (v, lam, W, a)
            v, lam, W, a = best
            res[f"momentum ridge {'multi' if multi else 'uni'} (lambda {lam:g}, shrink {a:.3f})"] = {"val": v, "test": mse(a * (Xt @ W), Yt)}
        rep = res["repeat"]
        for name, r in res.items():
            chosen = "chosen by val" if r["val"] < rep["val"] - 1e-6 else "not chosen (val >= repeat)"
            print(f"  {name:58s} val {r['val']:.4f}  test {r['test']:.4f}  {'' if name == 'repeat' else chosen}")


if __name__ == "__main__":
    main()
