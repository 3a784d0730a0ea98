#!/usr/bin/python3
"""Train RiskXpert's global forecaster: a small PatchTST-like Transformer with a quantile head.

One model for every indicator, trained on windows from many real financial series at daily, weekly and
monthly frequency. Everything on or after the cutoff (2016-01-01) is held out: a training window's targets
must end before it. Exports ONNX (opset 17, dynamic batch), metadata.json and golden input/output files that
the TypeScript serving code must reproduce.

    /usr/bin/python3 models/training/train_global.py --data-dir ../shared/data --out models

Preprocessing (mirrored exactly in src/forecast/model-preprocessing.ts):
  1. take the last CONTEXT values; shorter histories (>= MIN_HISTORY) are left-padded with their first value;
  2. if every context value is > 0, work in log space, else in levels;
  3. centre on the last (transformed) value and divide by the scale: the standard deviation of the first
     differences of the transformed context (ddof=0), floored at SCALE_FLOOR;
  4. the model outputs, per step and quantile, z; the forecast is last + z * scale (exp() in log space),
     and quantiles are sorted per step so they are monotone.
"""
import argparse
import csv
import hashlib
import json
import math
import os
import random
import sys
import time
from datetime import date

import numpy as np
import torch
import torch.nn as nn

CONTEXT = 64
HORIZON = 24
MIN_HISTORY = 16
PATCH = 8
QUANTILES = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
FREQS = {"D": 0, "W": 1, "M": 2}
SCALE_FLOOR = 1e-3
CUTOFF = "2016-01-01"
SEED = 20261123


# ----------------------------------------------------------------------------------------------- data
def parse_date(s):
    s = s.strip()
    if not s or not s[0].isdigit():
        return None
    s = s.replace("/", "-")
    parts = s.split("-")
    try:
        if len(parts) == 2:
            y, m, d = int(parts[0]), int(parts[1]), 1
        elif len(parts) >= 3:
            y, m, d = int(parts[0]), int(parts[1]), int(parts[2][:2])
        else:
            return None
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def read_series(path, date_col, value_col, filter_col=None, filter_eq=None):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    di, vi = header.index(date_col), header.index(value_col)
    fi = header.index(filter_col) if filter_col else None
    out = {}
    for r in rows[1:]:
        if len(r) <= max(di, vi):
            continue
        if fi is not None and r[fi] != filter_eq:
            continue
        d = parse_date(r[di])
        v = r[vi].strip().replace(",", "")
        if d is None or v in ("", "."):
            continue
        try:
            x = float(v)
        except ValueError:
            continue
        if math.isfinite(x):
            out[d] = x
    return sorted(out.items())


def read_long(path, group_col, date_col, value_col):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    gi, di, vi = header.index(group_col), header.index(date_col), header.index(value_col)
    groups = {}
    for r in rows[1:]:
        if len(r) <= max(gi, di, vi):
            continue
        d = parse_date(r[di])
        try:
            x = float(r[vi])
        except ValueError:
            continue
        if d and math.isfinite(x):
            groups.setdefault(r[gi], {})[d] = x
    return {g: sorted(v.items()) for g, v in groups.items()}


def read_wide(path, date_col):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    di = header.index(date_col)
    cols = {h: {} for i, h in enumerate(header) if i != di}
    for r in rows[1:]:
        d = parse_date(r[di]) if len(r) > di else None
        if not d:
            continue
        for i, h in enumerate(header):
            if i == di or i >= len(r):
                continue
            try:
                x = float(r[i])
            except ValueError:
                continue
            if math.isfinite(x):
                cols[h][d] = x
    return {h: sorted(v.items()) for h, v in cols.items() if len(v) > 0}


def resample(points, freq):
    """Last observation of each week (ISO week) or month, as the month-end resampling in TypeScript does."""
    if freq == "D":
        return points
    out = {}
    for d, v in points:
        y, m, dd = int(d[:4]), int(d[5:7]), int(d[8:10])
        if freq == "M":
            key = (y, m)
        else:
            iso = date(y, m, dd).isocalendar()
            key = (iso[0], iso[1])
        out[key] = (d, v)
    return [out[k] for k in sorted(out)]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_all(data_dir):
    """Every real series in the data folder, as (name, native frequency, [(date, value)])."""
    p = lambda f: os.path.join(data_dir, f)
    series = []
    daily = [
        ("kospi", "kospi_ks11_daily_yfinance.csv", "Price", "Close"),
        ("usdkrw", "fred_DEXKOUS_usdkrw_daily.csv", "observation_date", "DEXKOUS"),
        ("vix", "vix_daily.csv", "DATE", "CLOSE"),
        ("wti", "oil_wti_daily.csv", "Date", "Price"),
        ("brent", "oil_brent_daily.csv", "Date", "Price"),
    ]
    for name, f, dc, vc in daily:
        series.append((name, "D", read_series(p(f), dc, vc)))
    monthly = [
        ("kr_cpi", "fred_KORCPIALLMINMEI_korea_cpi_monthly.csv", "DATE", "KORCPIALLMINMEI"),
        ("sp500", "sp500_shiller_monthly.csv", "Date", "SP500"),
        ("gold", "gold_monthly.csv", "Date", "Price"),
        ("us10y", "us10y_yield_monthly.csv", "Date", "Rate"),
        ("sp500_long_rate", "sp500_shiller_monthly.csv", "Date", "Long Interest Rate"),
    ]
    for name, f, dc, vc in monthly:
        pts = read_series(p(f), dc, vc)
        if name == "sp500_long_rate":
            pts = [(d, v) for d, v in pts if v != 0.0]  # the last 36 rows are 0.0 placeholders
        series.append((name, "M", pts))
    for name, f in [("kr_leading", "kr_leading_index_cycle_monthly.csv"), ("kr_coincident", "kr_coincident_index_cycle_monthly.csv")]:
        with open(p(f), encoding="utf-8-sig") as fh:
            pts = []
            for r in csv.reader(fh):
                if len(r) >= 2 and parse_date(r[0]):
                    try:
                        pts.append((parse_date(r[0]), float(r[1])))
                    except ValueError:
                        pass
        series.append((name, "M", sorted(dict(pts).items())))
    for country, pts in read_long(p("bis_policy_rates_monthly.csv"), "Country", "Date", "Interest Rate").items():
        series.append((f"policy_{country}", "M", pts))
    for country, pts in read_long(p("fx_fed_h10_monthly_long.csv"), "Country", "Date", "Exchange rate").items():
        series.append((f"fxm_{country}", "M", pts))
    for cur, pts in read_wide(p("fx_fed_h10_daily_wide_1971_2017.csv"), "Data").items():
        series.append((f"fxd_{cur}", "D", pts))
    # Synthetic dates: hold out the last 30% by position instead of by calendar.
    ex = read_wide(p("exchange_rate.csv"), "date")
    for col, pts in ex.items():
        keep = pts[: int(len(pts) * 0.7)]
        series.append((f"exchange_{col}", "D_synthetic", keep))
    files = sorted({f for _, f, _, _ in daily} | {f for _, f, _, _ in monthly} | {
        "kr_leading_index_cycle_monthly.csv", "kr_coincident_index_cycle_monthly.csv", "bis_policy_rates_monthly.csv",
        "fx_fed_h10_monthly_long.csv", "fx_fed_h10_daily_wide_1971_2017.csv", "exchange_rate.csv"})
    manifest = []
    for f in files:
        with open(p(f), "rb") as fh:
            rows = sum(1 for _ in fh) - 1
        manifest.append({"file": f, "sha256": sha256(p(f)), "rows": rows})
    return series, manifest


# ------------------------------------------------------------------------------------- preprocessing
def preprocess(values):
    """values: 1-D float64 array, len >= MIN_HISTORY. Returns (z[CONTEXT] float32, last, scale, use_log)."""
    ctx = np.asarray(values[-CONTEXT:], dtype=np.float64)
    if len(ctx) < CONTEXT:
        ctx = np.concatenate([np.full(CONTEXT - len(ctx), ctx[0]), ctx])
    use_log = bool(np.all(ctx > 0))
    x = np.log(ctx) if use_log else ctx
    last = float(x[-1])
    diffs = np.diff(x)
    scale = max(float(np.sqrt(np.mean((diffs - diffs.mean()) ** 2))), SCALE_FLOOR)
    z = ((x - last) / scale).astype(np.float32)
    return z, last, scale, use_log


def postprocess(zq, last, scale, use_log):
    """zq: [HORIZON, Q] model output for one series -> [Q, HORIZON] sorted quantiles in original units."""
    y = last + zq.astype(np.float64) * scale
    if use_log:
        y = np.exp(y)
    y = np.sort(y, axis=1)
    return y.T


# ----------------------------------------------------------------------------------------------- model
class PatchQuantileTransformer(nn.Module):
    def __init__(self, d_model=64, n_heads=4, n_layers=3, d_ff=128, dropout=0.1):
        super().__init__()
        self.n_patches = CONTEXT // PATCH
        self.embed = nn.Linear(PATCH, d_model)
        self.pos = nn.Parameter(torch.randn(1, self.n_patches, d_model) * 0.02)
        self.freq = nn.Embedding(len(FREQS), d_model)
        layer = nn.TransformerEncoderLayer(d_model, n_heads, d_ff, dropout, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(self.n_patches * d_model, HORIZON * len(QUANTILES))

    def forward(self, z, freq):
        # z: [B, CONTEXT] already normalised; patches by reshape (Tensor.unfold breaks torch 1.13's exporter)
        b = z.shape[0]
        patches = z.reshape(b, self.n_patches, PATCH)
        h = self.embed(patches) + self.pos + self.freq(freq).unsqueeze(1)
        h = self.norm(self.encoder(h))
        out = self.head(h.reshape(b, -1)).reshape(b, HORIZON, len(QUANTILES))
        return out


def pinball(pred, target, q):
    # pred [B,H,Q], target [B,H]
    diff = target.unsqueeze(-1) - pred
    return torch.maximum(q * diff, (q - 1) * diff).mean()


# -------------------------------------------------------------------------------------------- windows
def build_windows(series, split):
    """split 'train': targets end before CUTOFF; 'val': origins on/after CUTOFF (calendar series only)."""
    out = {"D": [], "W": [], "M": []}
    for name, native, pts in series:
        synthetic = native == "D_synthetic"
        if split == "val" and synthetic:
            continue
        freqs = ["D", "W", "M"] if native.startswith("D") else ["M"]
        for fq in freqs:
            rs = resample(pts, fq)
            dates = [d for d, _ in rs]
            vals = np.array([v for _, v in rs], dtype=np.float64)
            n = len(vals)
            if synthetic:
                cut = n
            else:
                cut = next((i for i, d in enumerate(dates) if d >= CUTOFF), n)
            if split == "train":
                # origin t: context vals[:t], targets vals[t:t+H] must all be < cut
                lo, hi = MIN_HISTORY, cut - HORIZON
                step = 1 if fq != "D" else 3
                origins = range(lo, hi + 1, step)
            else:
                lo, hi = max(cut, MIN_HISTORY), n - HORIZON
                origins = range(lo, hi + 1, 1 if fq == "M" else 5)
            for t in origins:
                out[fq].append((vals, t))
    return out


def make_batch(windows, idx):
    zs, ys, fs = [], [], []
    for fq, i in idx:
        vals, t = windows[fq][i]
        z, last, scale, use_log = preprocess(vals[:t])
        fut = vals[t : t + HORIZON]
        if use_log:
            if np.any(fut <= 0):
                fut = np.maximum(fut, 1e-9)
            yt = (np.log(fut) - last) / scale
        else:
            yt = (fut - last) / scale
        zs.append(z)
        ys.append(np.clip(yt, -50, 50).astype(np.float32))
        fs.append(FREQS[fq])
    return torch.from_numpy(np.stack(zs)), torch.from_numpy(np.stack(ys)), torch.tensor(fs, dtype=torch.long)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--out", default="models")
    ap.add_argument("--steps", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--golden-only", action="store_true", help="rewrite the golden file from runs/forecaster.pt and models/metadata.json")
    args = ap.parse_args()
    if args.golden_only:
        here = os.path.dirname(os.path.abspath(__file__))
        model = PatchQuantileTransformer()
        model.load_state_dict(torch.load(os.path.join(here, "runs", "forecaster.pt")))
        with open(os.path.join(args.out, "metadata.json")) as f:
            metadata = json.load(f)
        write_golden(model, os.path.join(here, "..", "..", "test", "golden", "forecaster-golden.json"), metadata)
        return 0

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    print(f"torch {torch.__version__}, threads {args.threads}", flush=True)

    series, manifest = load_all(args.data_dir)
    for m in manifest:
        print(f"data {m['file']:45s} rows {m['rows']:6d} sha256 {m['sha256']}", flush=True)
    print(f"{len(series)} series", flush=True)

    train = build_windows(series, "train")
    val = build_windows(series, "val")
    for fq in "DWM":
        print(f"windows {fq}: train {len(train[fq])}, val {len(val[fq])}", flush=True)

    mix = {"M": 0.5, "W": 0.25, "D": 0.25}
    rng = np.random.default_rng(SEED)

    def sample(windows, n):
        idx = []
        for fq, share in mix.items():
            k = int(round(n * share))
            if windows[fq]:
                idx += [(fq, int(i)) for i in rng.integers(0, len(windows[fq]), k)]
        return idx

    val_idx = [("M", i) for i in range(len(val["M"]))]
    vz, vy, vf = make_batch(val, val_idx)
    q = torch.tensor(QUANTILES)

    model = PatchQuantileTransformer()
    print(f"parameters: {sum(p.numel() for p in model.parameters())}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1e-3, total_steps=args.steps, pct_start=0.1)

    def val_loss():
        model.eval()
        with torch.no_grad():
            pred = model(vz, vf)
            loss = pinball(pred, vy, q).item()
            naive = pinball(torch.zeros_like(pred), vy, q).item()
        model.train()
        return loss, naive

    history = []
    for step in range(1, args.steps + 1):
        z, y, f = make_batch(train, sample(train, args.batch))
        loss = pinball(model(z, f), y, q)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        if step % 250 == 0 or step == args.steps:
            vl, vn = val_loss()
            history.append({"step": step, "train": round(loss.item(), 5), "val": round(vl, 5)})
            print(f"step {step:5d} train {loss.item():.4f} val(monthly, origins >= {CUTOFF}) {vl:.4f} [point-at-last-value {vn:.4f}] {time.time() - t0:.0f}s", flush=True)

    model.eval()
    os.makedirs(args.out, exist_ok=True)
    runs = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runs")
    os.makedirs(runs, exist_ok=True)
    torch.save(model.state_dict(), os.path.join(runs, "forecaster.pt"))
    onnx_path = os.path.join(args.out, "forecaster.onnx")
    dummy_z = torch.zeros(2, CONTEXT)
    dummy_f = torch.full((2,), FREQS["M"], dtype=torch.long)
    # Exported with gradients enabled: torch 1.13's exporter mis-traces some layers under no_grad.
    torch.onnx.export(
        model,
        (dummy_z, dummy_f),
        onnx_path,
        opset_version=17,
        input_names=["z", "freq"],
        output_names=["quantiles"],
        dynamic_axes={"z": {0: "batch"}, "freq": {0: "batch"}, "quantiles": {0: "batch"}},
    )
    model_sha = sha256(onnx_path)
    vl, vn = val_loss()
    metadata = {
        "modelId": "patchtst-q",
        "version": f"patchtst-q-1+{model_sha[:12]}",
        "contextLength": CONTEXT,
        "minHistory": MIN_HISTORY,
        "horizon": HORIZON,
        "patchLength": PATCH,
        "quantileLevels": QUANTILES,
        "frequencies": FREQS,
        "servingFrequency": "M",
        "scaleFloor": SCALE_FLOOR,
        "preprocessing": "last contextLength values, left-padded with the first value; log if all > 0; z = (x - last) / max(std(diff(x)), scaleFloor); forecast = last + z_out * scale (exp in log space); quantiles sorted per step",
        "inputs": {"z": "float32 [batch, contextLength]", "freq": "int64 [batch] (0=D, 1=W, 2=M)"},
        "outputs": {"quantiles": "float32 [batch, horizon, quantileLevels]"},
        "cutoff": CUTOFF,
        "seed": SEED,
        "trainingSteps": args.steps,
        "batchSize": args.batch,
        "trainingSeconds": round(time.time() - t0, 1),
        "finalValPinball": round(vl, 5),
        "valPinballPointAtLastValue": round(vn, 5),
        "lossHistory": history,
        "torchVersion": torch.__version__,
        "trainingData": manifest,
        "sha256": model_sha,
        "bytes": os.path.getsize(onnx_path),
    }
    with open(os.path.join(args.out, "metadata.json"), "w") as f:
        json.dump(metadata, f, indent=2)
        f.write("\n")

    write_golden(model, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "golden", "forecaster-golden.json"), metadata)
    print(f"wrote {onnx_path} ({metadata['bytes']} bytes, sha256 {model_sha}) in {time.time() - t0:.0f}s", flush=True)


def write_golden(model, path, metadata):
    """Inputs, preprocessed tensors and outputs that the TypeScript side must reproduce to 1e-4."""
    model.eval()  # no dropout: the golden outputs are the exported model's
    rng = np.random.default_rng(7)
    cases = {
        "random_walk_positive": list(np.round(2500 * np.exp(np.cumsum(rng.normal(0.004, 0.05, 120))), 4)),
        "rates_with_zero_and_negative": list(np.round(np.concatenate([np.linspace(1.5, -0.5, 40), np.full(20, 0.0), np.linspace(0, 3.25, 30)]), 4)),
        "short_needs_padding": list(np.round(1300 + np.cumsum(rng.normal(0, 8, 20)), 4)),
        "flat_then_step": [3.5] * 50 + [3.25] * 10 + [3.0] * 10,
        "long_cpi_like": list(np.round(100 * np.exp(np.cumsum(np.full(200, 0.002) + rng.normal(0, 0.003, 200))), 5)),
    }
    out = {"metadataVersion": metadata["version"], "tolerance": 1e-4, "cases": []}
    for name, values in cases.items():
        values = [float(v) for v in values]
        z, last, scale, use_log = preprocess(np.array(values))
        with torch.no_grad():
            raw = model(torch.from_numpy(z).unsqueeze(0), torch.tensor([FREQS["M"]])).numpy()[0]
        final = postprocess(raw, last, scale, use_log)
        out["cases"].append({
            "name": name,
            "values": values,
            "z": [float(v) for v in z],
            "last": last,
            "scale": scale,
            "useLog": use_log,
            "raw": [[float(v) for v in row] for row in raw],
            "quantiles": [[float(v) for v in row] for row in final],
        })
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")
    print(f"wrote golden file {path}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
