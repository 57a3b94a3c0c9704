"""Continuous time: a Lyapunov function for the accelerated gradient flow (convex f).

PEPit example ``wc_accelerated_gradient_flow_convex(t=3.4)`` (continuous-time models):
X'' + (3/t) X' + grad f(X) = 0 on convex f (W. Su, S. Boyd, E. J. Candès, "A differential
equation for modeling Nesterov's accelerated gradient method", JMLR 2016), with
V(X, t) = t^2 (f(X) - f_*) + 2 ||X - x_* + t X'/2||^2. At a time t, the position X_t and the
velocity X'_t are free points and X''_t = -(3/t) X'_t - grad f(X_t), so
dV/dt = 2t (f(X_t) - f_*) + t^2 <grad f(X_t), X'_t> + 4 <X_t - x_* + t X'_t/2, 3 X'_t/2 + t X''_t/2>.
Worst case of dV/dt (homogeneous: 0 or unbounded); it is 0, hence
f(X_T) - f_* <= 2 ||x_0 - x_*||^2/T^2 (Su, Boyd, Candès, Sec. 2; C. Moucer, A. Taylor, F. Bach,
SIAM J. Optim. 2023, Thm 2.6). PEPit's value: 0.0 (its docstring, MOSEK dual value).

With a reference value of 0 the comparison is absolute: ``ATOL``.
"""

from fractions import Fraction

import pep

REFERENCE = 0.0  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0
PEPIT_CLARABEL = 0.0  # PEPit 0.5.1 run with Clarabel
PEPIT = "continuous_time_models/accelerated_gradient_flow_convex"
SOURCE = "PEPit wc_accelerated_gradient_flow_convex(t=3.4)"
ATOL = 1e-6  # the value is 0: compare absolutely


def build(t: Fraction = Fraction(17, 5)) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    xs, fs = f.minimizer(), f.optimal_value()
    x, v = problem.point("X_t"), problem.point("dX_t")
    g, fx = f.oracle(x)
    a = -3 / t * v - g  # the acceleration X''_t
    e = x - xs + t / 2 * v
    problem.maximize(
        2 * t * (fx - fs) + t**2 * (g @ v) + 4 * (e @ (Fraction(3, 2) * v + t / 2 * a))
    )
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.3e}   PEPit: {REFERENCE}   ({result.label})")
