"""Reading an episode's script as the media stages do: who speaks, when, and the words shown or said.

Shared by ``board``, ``voice``, ``cut`` and anything after them, so no stage reaches into another for it.
"""
