"""Exercise 6 written straight from the section's loop (section 3, "Gradient Descent in Action"):
x held in float32 as the book holds it, the book's printout kept."""

import torch


def descend(fn, x0, lr, steps):
    # Start at a given position
    x = torch.tensor(float(x0), requires_grad=True)
    learning_rate = lr
    values = []

    print("Step | x       | f(x)    | gradient")
    print("-----|---------|---------|--------")

    for step in range(steps):
        # Forward: compute f(x)
        f = fn(x)
        values.append(f.item())

        # Backward: compute gradient
        f.backward()

        # Print current state
        if step < 10 or step % 5 == 0:
            print(f"  {step:2d} | {x.item():7.4f} | {f.item():7.4f} | {x.grad.item():7.4f}")

        # Update x: move in the opposite direction of the gradient
        with torch.no_grad():  # Don't track this operation
            x -= learning_rate * x.grad

        # Reset gradient for next iteration
        x.grad.zero_()

    print(f"\nFinal x = {x.item():.6f} (target: 5.0)")
    return x.item(), values


DIVERGING_LR = 1.5


if __name__ == "__main__":
    descend(lambda x: (x - 5) ** 2, 0.0, 0.1, 20)
