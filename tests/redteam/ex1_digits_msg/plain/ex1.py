PREDICTED_SHAPES = {"a": (3, 5), "b": (3, 4), "c": (3, 4), "d": (3, 4), "e": (6, 2), "f": (12,)}


def matmul_shape(a, b):
    if a[1] != b[0]:
        raise ValueError("inner sizes differ")
    return (a[0], b[1])


def reshape_shape(shape, new_shape):
    count = 1
    for s in shape:
        count *= s
    new_shape = tuple(new_shape)
    if any(s < -1 for s in new_shape):
        raise ValueError("size below -1")
    if new_shape.count(-1) > 1:
        raise ValueError("more than one -1")
    known = 1
    for s in new_shape:
        if s != -1:
            known *= s
    if -1 in new_shape:
        if known == 0 or count % known:
            raise ValueError("cannot infer -1")
        return tuple(count // known if s == -1 else s for s in new_shape)
    if known != count:
        raise ValueError("element counts differ")
    return new_shape


def broadcast_shape(a, b):
    a, b = tuple(a), tuple(b)
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + a
    b = (1,) * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError(f"sizes {x} and {y} do not broadcast")
    return tuple(out)
