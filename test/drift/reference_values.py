#!/usr/bin/env python3
"""Reference values for test/drift/statistics.test.ts, from an implementation written separately from
lib/drift/statistics.ts, with the Python 3 standard library only (no scipy on the build machine).

Independence: the chi-square tail uses the closed forms of the chi-square survival function for whole
degrees of freedom (Abramowitz & Stegun, Handbook of Mathematical Functions, 1964, 26.4.4 and 26.4.5:
even k: e^{-x/2} sum_{i<k/2} (x/2)^i/i!; odd k: erfc(sqrt(x/2)) + e^{-x/2} sum ... ) instead of the
incomplete gamma series/continued fraction; KS D is found by evaluating both empirical CDFs at every
observed value (no merge walk); Q_KS is the plain alternating series summed to 10,000 terms; PSI is
written from its definition. Run: python3 test/drift/reference_values.py
"""
import math


def chi2_sf(x, k):
    if k % 2 == 0:
        term, total = 1.0, 0.0
        for i in range(k // 2):
            if i > 0:
                term *= (x / 2) / i
            total += term
        return math.exp(-x / 2) * total
    # odd: A&S 26.4.5 (Q(x|k) = 2Q(sqrt x) + 2 Z(sqrt x) * sum_{r=1}^{(k-1)/2} x^{(2r-1)/2}/(1*3*...*(2r-1)))
    s = math.sqrt(x)
    q = math.erfc(s / math.sqrt(2))
    z = math.exp(-x / 2) / math.sqrt(2 * math.pi)
    acc, term = 0.0, 1.0
    for r in range(1, (k - 1) // 2 + 1):
        term = (s if r == 1 else term * x / (2 * r - 1))
        acc += term
    return q + 2 * z * acc


def chi2_homogeneity(a, b):
    cats = sorted(set(a) | set(b))
    cats = [c for c in cats if a.get(c, 0) + b.get(c, 0) > 0]
    ra, rb = sum(a.get(c, 0) for c in cats), sum(b.get(c, 0) for c in cats)
    n = ra + rb
    stat = 0.0
    for c in cats:
        col = a.get(c, 0) + b.get(c, 0)
        for obs, row in ((a.get(c, 0), ra), (b.get(c, 0), rb)):
            e = row * col / n
            stat += (obs - e) ** 2 / e
    k = len(cats) - 1
    return stat, k, chi2_sf(stat, k)


def ks_q(lam):
    return 2 * sum((-1) ** (j - 1) * math.exp(-2 * j * j * lam * lam) for j in range(1, 10001))


def ks_2samp(x, y):
    def ecdf(s, t):
        return sum(1 for v in s if v <= t) / len(s)
    d = max(abs(ecdf(x, t) - ecdf(y, t)) for t in set(x) | set(y))
    ne = len(x) * len(y) / (len(x) + len(y))
    lam = (math.sqrt(ne) + 0.12 + 0.11 / math.sqrt(ne)) * d
    return d, ks_q(lam)


def psi(e, a, eps=1e-4):
    return sum((max(ai, eps) - max(ei, eps)) * math.log(max(ai, eps) / max(ei, eps)) for ei, ai in zip(e, a))


if __name__ == '__main__':
    print('chi2_sf(3.841458820694124, 1) =', repr(chi2_sf(3.841458820694124, 1)))
    print('chi2_sf(5.991464547107979, 2) =', repr(chi2_sf(5.991464547107979, 2)))
    print('chi2_sf(11.070497693516351, 5) =', repr(chi2_sf(11.070497693516351, 5)))
    print('chi2_sf(2.5, 3) =', repr(chi2_sf(2.5, 3)))
    print('chi2_sf(30.0, 10) =', repr(chi2_sf(30.0, 10)))
    print('chi2_sf(0.5, 7) =', repr(chi2_sf(0.5, 7)))
    print('chi2 homogeneity A =', chi2_homogeneity({'red': 30, 'green': 50, 'blue': 20}, {'red': 40, 'green': 35, 'blue': 25}))
    print('chi2 homogeneity B =', chi2_homogeneity({'a': 10, 'b': 0}, {'a': 5, 'b': 5, 'c': 2}))
    print('ks_q(0.5) =', repr(ks_q(0.5)), ' ks_q(1.0) =', repr(ks_q(1.0)), ' ks_q(1.36) =', repr(ks_q(1.36)), ' ks_q(2.0) =', repr(ks_q(2.0)))
    x = [0.1, 0.4, 0.7, 1.2, 1.5, 2.2, 2.9, 3.3]
    y = [0.9, 1.3, 1.9, 2.4, 2.8, 3.5, 3.9, 4.4, 5.0, 5.1]
    print('ks x,y =', ks_2samp(x, y))
    print('ks ties =', ks_2samp([1, 1, 2, 2, 3], [1, 2, 2, 3, 3, 3]))
    print('psi =', repr(psi([0.1, 0.2, 0.3, 0.4], [0.15, 0.25, 0.25, 0.35])))
    print('psi empty =', repr(psi([0.5, 0.5, 0.0], [0.4, 0.4, 0.2])))
