"""Training and scoring images/s of one reference network (reference_models.py) in PyTorch on the CPU.

    python bench.py realnvp --steps 10 --score-images 512 --rounds 3   # one JSON line per round
    python bench.py glow --serve                                         # a round per input line

With --serve (how `runner bench compare` drives it, alternating with the framework) the network
is built once and every line on standard input ("round STEPS SCORE_IMAGES") times one round.
"""
import argparse
import json
import sys
import time

import torch

from reference_models import NETWORKS


class Bench:
    def __init__(self, name, seed=0):
        factory, shape, self.batch, self.score_batch, optimiser, self.clip = NETWORKS[name]
        torch.manual_seed(seed)
        self.model = factory()
        self.optimiser = optimiser(self.model.parameters())
        self.dims = shape[0] * shape[1] * shape[2]
        g = torch.Generator().manual_seed(seed)
        self.train_images = [torch.rand(self.batch, *shape, generator=g) for _ in range(8)]
        self.score_images = torch.rand(4096, *shape, generator=g)
        self.parameters = sum(p.numel() for p in self.model.parameters())
        self.step = 0

    def train(self, steps):
        """Images per wall-clock second and per second of this process's CPU time (every thread)."""
        self.model.train()
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(steps):
            x = self.train_images[self.step % len(self.train_images)]
            self.step += 1
            ll = self.model(x)
            loss = ((self.dims * 5.545177444479562 - ll) / (self.dims * 0.6931471805599453)).mean()
            self.optimiser.zero_grad(set_to_none=True)
            loss.backward()
            if self.clip is not None:
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
            self.optimiser.step()
            if not torch.isfinite(loss):
                raise RuntimeError("non-finite loss")
        return rates(steps * self.batch, start, cpu)

    def score(self, n):
        self.model.eval()
        start, cpu = time.perf_counter(), time.process_time()
        with torch.inference_mode():
            for i in range(0, n, self.score_batch):
                self.model(self.score_images[i:min(n, i + self.score_batch)])
        return rates(n, start, cpu)

    def round(self, steps, score_images):
        train, train_cpu = self.train(steps)
        score, score_cpu = self.score(score_images)
        return {"train_img_per_s": train, "score_img_per_s": score, "train_img_per_cpu_s": train_cpu,
                "score_img_per_cpu_s": score_cpu}


def rates(images, start, cpu):
    return images / (time.perf_counter() - start), images / max(time.process_time() - cpu, 1e-9)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("network", choices=sorted(NETWORKS))
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--score-images", type=int, default=512)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="torch.set_num_threads; 0 keeps PyTorch's default")
    ap.add_argument("--serve", action="store_true", help="time a round per line of standard input")
    a = ap.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    bench = Bench(a.network)
    info = {"network": a.network, "parameters": bench.parameters, "torch": torch.__version__,
            "threads": torch.get_num_threads(), "train_batch": bench.batch, "score_batch": bench.score_batch}
    bench.round(2, bench.score_batch)  # warm-up: first-call allocations and kernel selection
    if a.serve:
        print(json.dumps({"ready": info}), flush=True)
        for line in sys.stdin:
            parts = line.split()
            if not parts:
                continue
            if parts[0] != "round" or len(parts) != 3:
                print(json.dumps({"error": "expected: round STEPS SCORE_IMAGES"}), flush=True)
                continue
            print(json.dumps(bench.round(int(parts[1]), int(parts[2]))), flush=True)
        return
    for _ in range(a.rounds):
        print(json.dumps({**info, **bench.round(a.steps, a.score_images)}), flush=True)


if __name__ == "__main__":
    main()
