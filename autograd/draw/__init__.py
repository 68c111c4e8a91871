"""Pictures of a computation graph: `draw_dot` lays a graph out with Graphviz (render.py); its options,
clusters, fitting to a slide, selection and styles each have a module of their own."""
