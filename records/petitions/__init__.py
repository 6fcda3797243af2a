"""Petitions (đơn thư): registration, the handling state machine, deadlines, repeats, import.

Entry points: :func:`register.register`, :func:`machine.perform` and :func:`guards.available`,
:func:`queries.select_petitions`, :func:`importer.run`, :func:`sweep.run`. Every operation
takes a :class:`context.Context` (calendar, today, text folding) from its caller.
"""
