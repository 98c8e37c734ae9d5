"""Exercise 6: gradient descent by hand (chapter 2, section 3, "Gradient Descent in Action").

Turn the section's loop into a function that works for any scalar function, then find a
learning rate that makes it fail. torch.optim is NOT allowed here: the loop is the point
(the grader reads your code and watches what it calls). Run `grade ex6` to check.

The section's function f(x) = (x - 5)**2 from x0 = 0 with lr = 0.1 gives the values
25.0, 16.0, 10.24, ... and, after 20 steps, x = 4.942354 (= 5 * (1 - 0.8**20)).
The book prints "Final x = 4.985981" under that code: that figure is a misprint; the
code really computes 4.942354.
"""

import torch


def descend(fn, x0, lr, steps):
    """Plain gradient descent on a scalar function; return (final_x, values).

    - fn maps a 0-dim tensor to a 0-dim tensor, e.g. lambda x: (x - 5) ** 2. The grader
      also passes functions you have never seen (their parameter need not be named x: call
      fn(x) by position), so use autograd, not a derivative by hand. Gradients may be tiny
      (1e-7) with a huge lr (1e7): no "converged" threshold, no early stop.
    - x0 (the start) and lr (the learning rate) are Python numbers; an int such as 0 must
      work too. steps is how many updates to make (0 is allowed).
    - Hold x as a 0-dim float32 or float64 tensor that requires grad (the grader checks what
      fn is given). For each step: compute fn(x), record its value, backpropagate, update
      x -= lr * x.grad WITHOUT recording the update in the graph (under torch.no_grad(): the
      x that fn gets must never carry the earlier steps' graph), and clear the gradient for
      the next step.
    - Return a tuple (final_x, values): final_x a Python float and values a list of `steps`
      Python floats (ints of the same value are fine): values[k] is fn(x) at the start of
      step k, BEFORE that step's update. x and every value are compared with a relative
      tolerance of 1e-4 plus an absolute 1e-5.
    - Make exactly `steps` updates, thousands too (a loop, not recursion), and keep going
      when the values become inf or nan (a diverging learning rate): no early stop.
    """
    raise NotImplementedError


# A learning rate (a Python number) at which descend(lambda x: (x - 5) ** 2, 0.0, lr, 50)
# moves AWAY from 5 instead of towards it (after 50 steps |x - 5| is larger than 5, or x is
# inf or nan).
# Work out what one step does to the distance x - 5 for a given lr.
DIVERGING_LR = None
