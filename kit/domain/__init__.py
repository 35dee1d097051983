"""Domain core: pure functions and small models. No I/O, no Jupyter, no plotting."""
