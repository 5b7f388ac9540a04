"""Annotation layers: one package per layer, each registering a versioned component."""

from presslens.layers.registry import ComponentSpec, components, register, resolve

__all__ = ["ComponentSpec", "components", "register", "resolve"]
