"""The Core tables of fast reads (``records.core_tables``) are a faithful subset of the
models: every column exists there, with the same type, length and key."""

from __future__ import annotations

import pytest
from sqlalchemy import JSON

from records import core_tables
from records.models import Base


@pytest.mark.parametrize("name", sorted(core_tables.metadata.tables))
def test_core_table_matches_the_model(name: str) -> None:
    core = core_tables.metadata.tables[name]
    model = Base.metadata.tables[name]
    for column in core.columns:
        assert column.name in model.columns, f"{name}.{column.name} is not in the models"
        modelled = model.columns[column.name]
        assert type(column.type) is type(modelled.type), f"{name}.{column.name}"
        assert repr(column.type) == repr(modelled.type), f"{name}.{column.name}"
        assert column.primary_key == modelled.primary_key, f"{name}.{column.name}"


def test_json_columns_share_the_models_type_object() -> None:
    """JSON is JSONB on PostgreSQL: the very variant of the models, not a look-alike."""
    models = Base.metadata.tables
    for table in core_tables.metadata.tables.values():
        for column in table.columns:
            if isinstance(column.type, JSON):
                assert column.type is models[table.name].columns[column.name].type
