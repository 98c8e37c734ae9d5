"""VALID: index-based while loops inside a helper class with static methods; the module functions are thin wrappers with an optional debug keyword that prints."""


PREDICTED_SHAPES = {}
PREDICTED_SHAPES["a"] = (3, 5)
PREDICTED_SHAPES["b"] = (3, 4)
PREDICTED_SHAPES["c"] = PREDICTED_SHAPES["b"]
PREDICTED_SHAPES["d"] = PREDICTED_SHAPES["b"]
PREDICTED_SHAPES["e"] = (6, 2)
PREDICTED_SHAPES["f"] = (3 * 4,)


class IncompatibleShapes(ValueError):
    pass


class ShapeCalc:
    @staticmethod
    def product(shape):
        result = 1
        i = 0
        while i < len(shape):
            result = result * shape[i]
            i += 1
        return result

    @staticmethod
    def broadcast(a, b):
        out = []
        i = 1
        while i <= len(a) or i <= len(b):
            x = a[-i] if i <= len(a) else 1
            y = b[-i] if i <= len(b) else 1
            if x != y and x != 1 and y != 1:
                raise IncompatibleShapes(f"dimension -{i}: {x} vs {y}")
            out.insert(0, x if y == 1 else y)
            i += 1
        return tuple(out)


def matmul_shape(a, b, debug=False):
    if debug:
        print("matmul_shape", a, b)
    if a[1] != b[0]:
        raise IncompatibleShapes(f"inner sizes differ: {a[1]} vs {b[0]}")
    return (a[0], b[1])


def broadcast_shape(a, b, debug=False):
    result = ShapeCalc.broadcast(tuple(a), tuple(b))
    if debug:
        print("broadcast_shape", a, b, "->", result)
    return result


def reshape_shape(shape, new_shape, debug=False):
    new_shape = list(new_shape)
    minus = [i for i, d in enumerate(new_shape) if d == -1]
    if len(minus) > 1:
        raise IncompatibleShapes("at most one -1 is allowed")
    bad = [d for d in new_shape if d < -1]
    if bad:
        raise IncompatibleShapes(f"invalid sizes {bad}")
    total = ShapeCalc.product(tuple(shape))
    if minus:
        rest = ShapeCalc.product([d for d in new_shape if d != -1])
        if rest == 0 or total % rest != 0:
            raise IncompatibleShapes(f"cannot reshape {tuple(shape)} into {tuple(new_shape)}")
        new_shape[minus[0]] = total // rest
    elif ShapeCalc.product(new_shape) != total:
        raise IncompatibleShapes(f"{total} elements do not fit {tuple(new_shape)}")
    if debug:
        print("reshape_shape", shape, "->", new_shape)
    return tuple(new_shape)
