"""The techniques layer: its component (component.py) and the rules and model code it uses."""
