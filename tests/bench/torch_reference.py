#!/usr/bin/env python3
"""PyTorch CPU reference for the engine's per-iteration step, to compare speeds on the same machine.

The same computation as app/ (StyleTransferRun with one scale):
  * VGG19 conv layers conv1_1 ... conv3_4 read from the same TensorFlow.js weights folder (model.json +
    shards, with numpy); 3x3 'same' convolutions + ReLU, 2x2 max pooling after blocks 1 and 2.
  * Caffe preprocessing: RGB in [0, 1] -> x*255 - mean, BGR order (folded into conv1_1's kernel, as the engine does).
  * Content cost at relu3_2: |F - P|^2 / |P|^2.  Style cost at relu1_1, relu2_1, relu3_1 with Gram matrices
    G = F^T F / (H W), per layer |G - A|^2 / |A|^2, equal weights (mean).  Total variation: mean squared
    neighbour differences.  Total = 1*content + 10*style + 1*tv (COST_UNITS), gradient of total * pixels.
  * Adam on the pixels (lr 0.02, betas 0.9/0.99, eps 1e-8), clamp to [0, 1], EMA of the iterates.

--depth needed stops the forward pass at conv3_2 (the deepest layer the costs use: what the engine does);
--depth full runs all the way to conv3_4 (its output unused, so it only adds forward time).

Prints one JSON line: per-iteration times (ms), the median, peak RSS (MiB).
Usage: /usr/bin/python3 tests/bench/torch_reference.py --size 256 --threads 2 --depth needed
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
SHARED = os.path.normpath(os.path.join(ROOT, '..', 'shared'))
LAYERS = ['block1_conv1', 'block1_conv2', 'block2_conv1', 'block2_conv2',
          'block3_conv1', 'block3_conv2', 'block3_conv3', 'block3_conv4']
RELU = ['relu1_1', 'relu1_2', 'relu2_1', 'relu2_2', 'relu3_1', 'relu3_2', 'relu3_3', 'relu3_4']
POOL_AFTER = {'block1_conv2', 'block2_conv2'}
CAFFE_MEAN_RGB = torch.tensor([123.68, 116.779, 103.939]).view(1, 3, 1, 1)
CONTENT_LAYER = 'relu3_2'
STYLE_LAYERS = ['relu1_1', 'relu2_1', 'relu3_1']
UNITS = {'content': 1.0, 'style': 10.0, 'tv': 1.0}


def load_weights(folder):
    with open(os.path.join(folder, 'model.json')) as f:
        manifest = json.load(f)['weightsManifest']
    tensors = {}
    for group in manifest:
        data = b''.join(open(os.path.join(folder, p), 'rb').read() for p in group['paths'])
        offset = 0
        for w in group['weights']:
            assert w['dtype'] == 'float32', w
            count = int(np.prod(w['shape']))
            arr = np.frombuffer(data, dtype='<f4', count=count, offset=offset).reshape(w['shape'])
            offset += 4 * count
            name = w['name'].split(':')[0]
            tensors['/'.join(name.split('/')[-2:])] = arr
    convs = []
    for i, layer in enumerate(LAYERS):
        k = torch.from_numpy(tensors[layer + '/kernel'].transpose(3, 2, 0, 1).copy())  # HWIO -> OIHW
        if i == 0:
            k = k.flip(1).contiguous()  # BGR weights -> RGB input
        convs.append((layer, RELU[i], k, torch.from_numpy(tensors[layer + '/bias'].copy())))
    return convs


def fit_longest_side(w, h, longest):
    s = longest / max(w, h)
    return max(1, round(w * s)), max(1, round(h * s))


def read_image(path, longest):
    from PIL import Image
    img = Image.open(path).convert('RGB')
    img = img.resize(fit_longest_side(img.width, img.height, longest), Image.BILINEAR)
    arr = np.asarray(img, dtype=np.float32) / 255.0
    return torch.from_numpy(arr.transpose(2, 0, 1).copy()).unsqueeze(0)


def features(convs, rgb, wanted, last_index):
    x = rgb * 255.0 - CAFFE_MEAN_RGB
    out = {}
    for i, (layer, relu, k, b) in enumerate(convs[:last_index + 1]):
        x = F.relu(F.conv2d(x, k, b, padding=1))
        if relu in wanted:
            out[relu] = x
        if layer in POOL_AFTER and i < last_index:
            x = F.max_pool2d(x, 2, 2)
    return out


def gram(f):
    _, c, h, w = f.shape
    m = f.reshape(c, h * w)
    return (m @ m.t()) / (h * w)


def total_variation(img):
    dy = (img[:, :, 1:, :] - img[:, :, :-1, :]).pow(2).mean()
    dx = (img[:, :, :, 1:] - img[:, :, :, :-1]).pow(2).mean()
    return dy + dx


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=256)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--depth', choices=['needed', 'full'], default='needed')
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--iterations', type=int, default=5)
    ap.add_argument('--model', default=os.path.join(SHARED, 'models', 'vgg19'))
    ap.add_argument('--content', default=os.path.join(SHARED, 'images', 'chelsea.jpg'))
    ap.add_argument('--style', default=os.path.join(SHARED, 'images', 'starry_night.jpg'))
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_grad_enabled(False)
    convs = load_weights(args.model)
    wanted = set(STYLE_LAYERS + [CONTENT_LAYER])
    needed = max(RELU.index(l) for l in wanted)
    last = needed if args.depth == 'needed' else len(convs) - 1

    content = read_image(args.content, args.size)
    style = read_image(args.style, args.size)
    p = features(convs, content, wanted, last)[CONTENT_LAYER]
    targets = {l: gram(f) for l, f in features(convs, style, wanted, last).items() if l in STYLE_LAYERS}
    p_energy = p.pow(2).sum().clamp_min(1e-12)
    a_norms = {l: a.pow(2).sum().clamp_min(1e-12) for l, a in targets.items()}

    x = content.clone().requires_grad_(True)
    opt = torch.optim.Adam([x], lr=0.02, betas=(0.9, 0.99), eps=1e-8)
    ema = torch.zeros_like(x)
    pixels = x.shape[2] * x.shape[3]
    times = []
    cpu_times = []
    for i in range(args.warmup + args.iterations):
        t0 = time.perf_counter()
        c0 = time.process_time()
        with torch.enable_grad():
            feats = features(convs, x, wanted, last)
            c = (feats[CONTENT_LAYER] - p).pow(2).sum() / p_energy
            s = sum(((gram(feats[l]) - targets[l]).pow(2).sum() / a_norms[l]) for l in STYLE_LAYERS) / len(STYLE_LAYERS)
            tv = total_variation(x)
            total = UNITS['content'] * c + UNITS['style'] * s + UNITS['tv'] * tv
            opt.zero_grad(set_to_none=True)
            (total * pixels).backward()
        opt.step()
        x.data.clamp_(0, 1)
        ema.mul_(0.99).add_(x.detach(), alpha=0.01)
        costs = [float(total), float(c), float(s), float(tv)]  # read back, as the engine does
        if i == 0:
            first_costs = costs
        if i >= args.warmup:
            times.append((time.perf_counter() - t0) * 1000)
            cpu_times.append((time.process_time() - c0) * 1000)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        'size': args.size, 'width': int(x.shape[3]), 'height': int(x.shape[2]), 'threads': args.threads,
        'depth': args.depth, 'lastLayer': LAYERS[last], 'warmup': args.warmup, 'iterations': args.iterations,
        'times': times, 'medianMs': float(np.median(times)), 'maxRssMiB': rss_kib / 1024,
        'torch': torch.__version__, 'firstCosts': first_costs, 'lastCosts': costs,
        'cpuMs': cpu_times, 'medianCpuMs': float(np.median(cpu_times)),
    }))


if __name__ == '__main__':
    sys.exit(main())
