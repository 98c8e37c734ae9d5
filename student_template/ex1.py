"""Exercise 1: tensor shapes (chapter 2, section 9, Exercise 1; read sections 1 and 2).

First predict shapes in your head, then write the shape arithmetic yourself. The three
functions must NOT use torch at all (no torch.broadcast_shapes, no building tensors to
read their .shape): the grader reads your code to check. Run `grade ex1` when done.
"""

# For A = torch.randn(3, 4), B = torch.randn(4, 5), C = torch.randn(3, 4), v = torch.randn(4),
# what is the shape of:  a) A @ B   b) A + C   c) A * C   d) A + v   e) A.reshape(6, 2)
# f) A.reshape(-1)?  Write each as a tuple of ints, e.g. (2, 7).
PREDICTED_SHAPES = {
    "a": None,
    "b": None,
    "c": None,
    "d": None,
    "e": None,
    "f": None,
}


def matmul_shape(a, b):
    """Shape of X @ Y for 2-D shapes a = (m, n) and b = (n, p): return (m, p) as a tuple.

    Sizes may be 0, 1 or in the thousands like any other: matmul_shape((0, 3), (3, 2)) -> (0, 2).
    Raise ValueError naming both inner sizes when they differ, e.g. matmul_shape((2, 3), (4, 5))
    -> ValueError("inner sizes differ: 3 vs 4") (numbers in the message: the shapes' only).
    """
    raise NotImplementedError


def broadcast_shape(a, b):
    """Shape of X + Y for shapes a and b of any rank (including ()), by the chapter's rules:

    1. compare sizes from the RIGHT; 2. a missing dimension counts as 1;
    3. sizes must be equal or one of them 1 (the result takes the other).
    broadcast_shape((3, 4), (4,)) -> (3, 4);  broadcast_shape((4, 3), (4,)) -> ValueError.
    A size of 1 stretches to the other size even when that is 0: broadcast_shape((1,), (0,))
    -> (0,), while (2,) with (0,) is a ValueError. Return a tuple of ints.
    """
    raise NotImplementedError


def reshape_shape(shape, new_shape):
    """The shape `reshape(new_shape)` gives a tensor of shape `shape`, as a tuple of ints.

    At most one -1 is allowed; it stands for whatever size makes the element counts match:
    reshape_shape((3, 4), (-1,)) -> (12,);  reshape_shape((3, 4), (2, -1)) -> (2, 6).
    Sizes may be 0: reshape_shape((0, 4), (-1, 4)) -> (0, 4). Sizes are Python ints of any
    size (element counts past 2**53 too): count with integers (// and %), not float division.
    Raise ValueError (as reshape refuses these too) when:
    - the element counts cannot match: reshape_shape((3, 4), (5, 2)), or (3, 4) into (0, -1);
    - more than one -1 is given: reshape_shape((3, 4), (-1, -1));
    - a size is below -1, even when the product would match: reshape_shape((3, 4), (-2, -6))
      and reshape_shape((0,), (-2, -1)) both raise;
    - a -1 cannot be resolved because another size is 0 and there are no elements:
      reshape_shape((0, 4), (-1, 0)) (any size would do, so reshape refuses to guess).
    """
    raise NotImplementedError
