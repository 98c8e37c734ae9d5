"""Common mistakes in Exercise 1, each a wrong shape function a beginner really writes."""

from grader.misconceptions import misconception


@misconception("broadcast_shape", "broadcasting compared from the left instead of the right",
               "Line the shapes up from the RIGHT (the last dimensions first): (3, 4) + (4,) compares 4 with 4. "
               "See section 2's three rules.")
def left_to_right(a, b):
    result = []
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else 1
        y = b[i] if i < len(b) else 1
        if x != y and 1 not in (x, y):
            raise ValueError(f"cannot broadcast {a} with {b}")
        result.append(y if x == 1 else x)
    return tuple(result)


@misconception("broadcast_shape", "any mismatch allowed (the larger size always wins)",
               "Two sizes are compatible only when they are equal or one of them is 1; otherwise raise ValueError.")
def max_always(a, b):
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    return tuple(max(x, y) for x, y in zip(a, b))


@misconception("broadcast_shape", "the extra leading dimensions of the longer shape are dropped",
               "A missing dimension counts as 1, so the result has as many dimensions as the longer shape: "
               "(5, 1, 4) + (3, 1) is (5, 3, 4).")
def drops_leading(a, b):
    result = []
    for x, y in zip(reversed(a), reversed(b)):
        if x != y and 1 not in (x, y):
            raise ValueError(f"cannot broadcast {a} with {b}")
        result.append(y if x == 1 else x)
    return tuple(reversed(result))


@misconception("reshape_shape", "the -1 is returned as it is instead of being resolved",
               "-1 means 'whatever size makes the element count match': compute it as count // (product of the "
               "other sizes).")
def keeps_minus_one(shape, new_shape):
    return tuple(new_shape)


@misconception("reshape_shape", "more than one -1 accepted",
               "Only one size can be inferred: raise ValueError when new_shape holds two -1s.")
def two_minus_ones(shape, new_shape):
    total = 1
    for s in shape:
        total *= s
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 not in new_shape:
        if known != total:
            raise ValueError("element counts differ")
        return tuple(new_shape)
    if total % known:
        raise ValueError("element counts differ")
    return tuple(total // known if s == -1 else s for s in new_shape)


@misconception("reshape_shape", "the element count is not checked",
               "reshape never changes the number of elements: raise ValueError when the new sizes multiply to "
               "another count.")
def no_count_check(shape, new_shape):
    total = 1
    for s in shape:
        total *= s
    if list(new_shape).count(-1) > 1:
        raise ValueError("only one -1")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    return tuple(total // known if s == -1 else s for s in new_shape)


@misconception("matmul_shape", "the inner size kept instead of the outer ones",
               "(m, n) @ (n, p) is (m, p): the inner size n disappears.")
def keeps_inner(a, b):
    if a[1] != b[0]:
        raise ValueError(f"inner sizes differ: {a[1]} vs {b[0]}")
    return (a[1], b[1])


@misconception("matmul_shape", "inner sizes not checked",
               "(m, n) @ (k, p) only works when n == k: raise ValueError naming both sizes otherwise.")
def no_inner_check(a, b):
    return (a[0], b[1])


@misconception("broadcast_shape", "torch used inside the shape functions",
               "Compute the shape by hand with Python integers: torch.broadcast_shapes is not allowed here.",
               feedback_contains="use torch")
def uses_torch(a, b):
    import torch

    return tuple(torch.broadcast_shapes(a, b))
