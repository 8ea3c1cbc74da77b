/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Double-precision floating point: a gravitational n-body simulation of
 * 8 bodies, argv[1] time steps (add, multiply, divide, sqrt), then the
 * total energy. Built with -ffp-contract=off everywhere, so no fused
 * multiply-add changes the rounding and every variant must print the same
 * bits.
 */
#include <math.h>

#include "bench.h"

#define BODIES 8

typedef struct Body {
    double x, y, z, vx, vy, vz, mass;
} Body;

/* A double in [lo, hi) from the test data source; exact on every host. */
static double uniform(uint64_t *state, double lo, double hi)
{
    return lo + (hi - lo) * ((double)(bench_mix(state) >> 11) * 0x1p-53);
}

static void bodies_init(Body *b)
{
    uint64_t state = 42;

    b[0] = (Body){ .mass = 1000.0 };
    for (int i = 1; i < BODIES; i++) {
        b[i].x = uniform(&state, -50, 50);
        b[i].y = uniform(&state, -50, 50);
        b[i].z = uniform(&state, -5, 5);
        b[i].vx = uniform(&state, -1, 1);
        b[i].vy = uniform(&state, -1, 1);
        b[i].vz = uniform(&state, -0.1, 0.1);
        b[i].mass = uniform(&state, 0.1, 2);
    }
}

static void bodies_step(Body *b, double dt)
{
    for (int i = 0; i < BODIES; i++) {
        for (int j = i + 1; j < BODIES; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;   /* softened */
            double mag = dt / (d2 * sqrt(d2));
            b[i].vx -= dx * b[j].mass * mag;
            b[i].vy -= dy * b[j].mass * mag;
            b[i].vz -= dz * b[j].mass * mag;
            b[j].vx += dx * b[i].mass * mag;
            b[j].vy += dy * b[i].mass * mag;
            b[j].vz += dz * b[i].mass * mag;
        }
    }
    for (int i = 0; i < BODIES; i++) {
        b[i].x += dt * b[i].vx;
        b[i].y += dt * b[i].vy;
        b[i].z += dt * b[i].vz;
    }
}

static double bodies_energy(const Body *b)
{
    double e = 0;

    for (int i = 0; i < BODIES; i++) {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < BODIES; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

int main(int argc, char **argv)
{
    uint64_t steps = bench_size(argc, argv, 2000000);
    Body b[BODIES];
    uint64_t bits;
    double e;

    bodies_init(b);
    for (uint64_t s = 0; s < steps; s++) {
        bodies_step(b, 0.001);
    }
    e = bodies_energy(b);
    printf("fp energy: %.17g\n", e);
    __builtin_memcpy(&bits, &e, sizeof(bits));
    bench_checksum("fp", bits ^ (uint64_t)(int64_t)(b[1].x * 1e6));
    return 0;
}
