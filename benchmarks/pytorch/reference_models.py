"""The networks `runner bench compare` times in the framework, written directly in PyTorch.

Same shapes, batch sizes, optimisers and loss (mean bits/dim) as the framework's graphs:

- realnvp: the reference RealNVP of `runner bench flows` (PlainRealNvp.java): 28x28x1 squeezed to
  14x14x4, 8 affine checkerboard couplings, s/t net conv3x3(64)-ReLU-conv3x3(64)-ReLU-conv3x3(8),
  log-scale a*tanh(raw), standard normal prior, batch 64, Adam lr 1e-4.
- glow: experiments/fashion_vs_mnist_glow.yaml's model: L=2 levels of [squeeze, K=8 x (actnorm,
  LU 1x1 convolution, affine coupling with net conv3x3(128)-ReLU-conv1x1(128)-ReLU-conv3x3 and
  scale sigmoid(raw + 2)), factor out half with a learned conditional prior], learned top prior;
  batch 64, Adamax lr 1e-3, gradients clipped to norm 50; scored in batches of 64.
- pixelcnn: experiments/fashion_vs_mnist_pixelcnn.yaml's model: a Gated PixelCNN of 6 layers
  (first kernel 7, then 3) of 32 feature maps with masked weights, head elu-1x1(64)-elu-1x1(256),
  a 256-way softmax per pixel; batch 32, Adam lr 1e-3, gradients clipped to norm 100; scored in
  batches of 128.

Images are random (a network's cost does not depend on pixel values), NCHW.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

LOG_2PI = math.log(2 * math.pi)


def bits_per_dim(log_likelihood, dims):
    """Mean bits/dim of 8-bit images from the log-density of their [0,1] dequantised values."""
    return ((dims * math.log(256) - log_likelihood) / (dims * math.log(2))).mean()


def squeeze(x):
    """2x2 blocks into channels (space-to-depth)."""
    return F.pixel_unshuffle(x, 2)


def gaussian_log_prob(z, mean, log_std):
    return (-0.5 * (LOG_2PI + 2 * log_std + ((z - mean) * torch.exp(-log_std)) ** 2)).sum(dim=(1, 2, 3))


def conv(cin, cout, k, zero=False):
    c = nn.Conv2d(cin, cout, k, padding=k // 2)
    if zero:
        nn.init.zeros_(c.weight)
    else:
        nn.init.kaiming_normal_(c.weight, nonlinearity="relu")
    nn.init.zeros_(c.bias)
    return c


# --- the reference RealNVP ------------------------------------------------------------------


class CheckerboardCoupling(nn.Module):
    def __init__(self, parity, hidden=64):
        super().__init__()
        r = torch.arange(14).view(14, 1)
        c = torch.arange(14).view(1, 14)
        self.register_buffer("keep", (((r + c) % 2) == parity).float().view(1, 1, 14, 14))
        self.net = nn.Sequential(conv(4, hidden, 3), nn.ReLU(), conv(hidden, hidden, 3), nn.ReLU(),
                                 conv(hidden, 8, 3, zero=True))
        self.amplitude = nn.Parameter(torch.ones(1, 4, 1, 1))

    def forward(self, x):
        change = 1 - self.keep
        raw, t = self.net(x * self.keep).chunk(2, dim=1)
        s = self.amplitude * torch.tanh(raw) * change
        return (x + t * change) * torch.exp(s), s.sum(dim=(1, 2, 3))


class ReferenceRealNvp(nn.Module):
    def __init__(self, couplings=8):
        super().__init__()
        self.couplings = nn.ModuleList(CheckerboardCoupling(i % 2) for i in range(couplings))

    def forward(self, images):
        x = squeeze(images)
        log_det = 0
        for c in self.couplings:
            x, ld = c(x)
            log_det = log_det + ld
        return gaussian_log_prob(x, 0.0, torch.zeros(())) + log_det


# --- Glow ------------------------------------------------------------------------------------


class ActNorm(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(1, channels, 1, 1))
        self.log_scale = nn.Parameter(torch.zeros(1, channels, 1, 1))

    def forward(self, x):
        return (x + self.bias) * torch.exp(self.log_scale), x.shape[2] * x.shape[3] * self.log_scale.sum()


class LuInvertibleConv(nn.Module):
    """W = P L (U + diag(sign * exp(log|s|))), log|det| = H W sum log|s|."""

    def __init__(self, channels, generator):
        super().__init__()
        q, _ = torch.linalg.qr(torch.randn(channels, channels, generator=generator))
        p, lower, upper = torch.linalg.lu(q)
        s = torch.diagonal(upper)
        self.register_buffer("p", p)
        self.register_buffer("sign", torch.sign(s))
        self.register_buffer("lower_mask", torch.tril(torch.ones(channels, channels), -1))
        self.register_buffer("eye", torch.eye(channels))
        self.lower = nn.Parameter(lower)
        self.upper = nn.Parameter(torch.triu(upper, 1))
        self.log_abs_s = nn.Parameter(torch.log(torch.abs(s)))

    def forward(self, x):
        lower = self.lower * self.lower_mask + self.eye
        upper = self.upper * self.lower_mask.T + torch.diag(self.sign * torch.exp(self.log_abs_s))
        w = self.p @ lower @ upper
        y = F.conv2d(x, w.view(*w.shape, 1, 1))
        return y, x.shape[2] * x.shape[3] * self.log_abs_s.sum()


class GlowCoupling(nn.Module):
    def __init__(self, channels, hidden):
        super().__init__()
        half = channels // 2
        self.net = nn.Sequential(conv(half, hidden, 3), nn.ReLU(), conv(hidden, hidden, 1), nn.ReLU(),
                                 conv(hidden, channels, 3, zero=True))

    def forward(self, x):
        kept, active = x.chunk(2, dim=1)
        raw, t = self.net(kept).chunk(2, dim=1)
        s = -F.softplus(-(raw + 2))
        return torch.cat([kept, (active + t) * torch.exp(s)], dim=1), s.sum(dim=(1, 2, 3))


class Glow(nn.Module):
    def __init__(self, levels=2, steps=8, hidden=128, channels=1, height=28, seed=0):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        self.levels = nn.ModuleList()
        self.priors = nn.ModuleList()
        c, h = channels, height
        for level in range(levels):
            c, h = 4 * c, h // 2
            layers = nn.ModuleList()
            for _ in range(steps):
                layers.extend([ActNorm(c), LuInvertibleConv(c, g), GlowCoupling(c, hidden)])
            self.levels.append(layers)
            if level < levels - 1:
                self.priors.append(conv(c // 2, c, 3, zero=True))
                c //= 2
        self.top_mean = nn.Parameter(torch.zeros(1, c, 1, 1))
        self.top_log_std = nn.Parameter(torch.zeros(1, c, 1, 1))

    def forward(self, images):
        x = images - 0.5
        total = 0
        for i, layers in enumerate(self.levels):
            x = squeeze(x)
            for layer in layers:
                x, ld = layer(x)
                total = total + ld
            if i < len(self.priors):
                x, factored = x.chunk(2, dim=1)
                mean, log_std = self.priors[i](x).chunk(2, dim=1)
                total = total + gaussian_log_prob(factored, mean, log_std)
        return total + gaussian_log_prob(x, self.top_mean, self.top_log_std)


# --- Gated PixelCNN --------------------------------------------------------------------------


class MaskedConv(nn.Module):
    """A convolution whose weight is multiplied by a fixed causal mask at every use, padded explicitly."""

    def __init__(self, cin, cout, kh, kw, padding, mask_centre=None):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, (kh, kw))
        self.padding = padding  # (left, right, top, bottom)
        mask = torch.ones(cout, cin, kh, kw)
        if mask_centre == "A":  # one channel: the current pixel is hidden from the first layer
            mask[:, :, -1, -1] = 0
        self.register_buffer("mask", mask)

    def forward(self, x):
        if any(self.padding):
            x = F.pad(x, self.padding)
        return F.conv2d(x, self.conv.weight * self.mask, self.conv.bias)


def gate(x):
    a, b = x.chunk(2, dim=1)
    return torch.tanh(a) * torch.sigmoid(b)


class GatedLayer(nn.Module):
    def __init__(self, cin, width, k, first):
        super().__init__()
        self.vertical = MaskedConv(cin, 2 * width, k // 2 + 1, k, (k // 2, k // 2, k // 2, 0))
        self.horizontal = MaskedConv(cin, 2 * width, 1, k // 2 + 1, (k // 2, 0, 0, 0), "A" if first else "B")
        self.vertical_to_horizontal = MaskedConv(2 * width, 2 * width, 1, 1, (0, 0, 0, 0))
        self.out = MaskedConv(width, width, 1, 1, (0, 0, 0, 0), "B")
        self.residual = not first

    def forward(self, v, h):
        v_pre = self.vertical(v)
        down = F.pad(v_pre, (0, 0, 1, 0))[:, :, : v_pre.shape[2], :]
        h_out = self.out(gate(self.horizontal(h) + self.vertical_to_horizontal(down)))
        return gate(v_pre), h + h_out if self.residual else h_out


class GatedPixelCnn(nn.Module):
    def __init__(self, blocks=5, width=32, kernel=3, first_kernel=7, head=64, levels=256, channels=1):
        super().__init__()
        self.levels = levels
        self.layers = nn.ModuleList(GatedLayer(channels if l == 0 else width, width, first_kernel if l == 0 else kernel,
                                               l == 0) for l in range(blocks + 1))
        self.head_hidden = MaskedConv(width, head, 1, 1, (0, 0, 0, 0), "B")
        self.head_out = MaskedConv(head, channels * levels, 1, 1, (0, 0, 0, 0), "B")

    def forward(self, images):
        level = torch.clamp(torch.floor(images * self.levels), 0, self.levels - 1)
        x = (level + 0.5) / self.levels * 2 - 1
        v = h = x
        for layer in self.layers:
            v, h = layer(v, h)
        logits = self.head_out(F.elu(self.head_hidden(F.elu(h))))
        log_p = F.log_softmax(logits, dim=1).gather(1, level.long())
        dims = images[0].numel()
        return log_p.sum(dim=(1, 2, 3)) + dims * math.log(self.levels)


# --- what `runner bench compare` runs ---------------------------------------------------------

NETWORKS = {
    # name: (module factory, image shape CHW, train batch, score batch, optimiser factory, clip norm)
    "realnvp": (ReferenceRealNvp, (1, 28, 28), 64, 64, lambda p: torch.optim.Adam(p, lr=1e-4), None),
    "glow": (Glow, (1, 28, 28), 64, 64, lambda p: torch.optim.Adamax(p, lr=1e-3), 50.0),
    "pixelcnn": (GatedPixelCnn, (1, 28, 28), 32, 128, lambda p: torch.optim.Adam(p, lr=1e-3), 100.0),
}
