"""Compiled queries (ADR 0031): the same instances as the ORM's, for other values, in one query;
prepared on PostgreSQL; placeholders checked; the cache keeps the most recent shapes."""

from __future__ import annotations

import pytest
from django.db import connection

from serikat.core.statements import Compiled, CompiledCache, Placeholder
from serikat.organisation.models import Unit

pytestmark = pytest.mark.django_db

CODE = Placeholder("code")


def units_by_code(code):
    return (
        Unit.objects.filter(code=code)
        .select_related("level", "region")
        .only("code", "name", "level__code", "region__name")
        .order_by("-pk")
    )


def described(units):
    return [(u.pk, u.code, u.name, u.level.code, u.region.name if u.region else None) for u in units]


def test_a_compiled_query_gives_what_the_orm_gives_for_each_value_in_one_query(tree, django_assert_num_queries):
    compiled = Compiled(units_by_code(CODE), [CODE])
    for code in ("PUK-A", "DPW-JABAR", "FSPMI", "NO-SUCH-UNIT"):
        with django_assert_num_queries(1):
            units = compiled.run(code)
            shown = described(units)  # the related rows came with them: no query more
        assert shown == described(units_by_code(code))
    jabar = tree.dpw_jabar
    assert described(compiled.run("DPW-JABAR"))[0][1:] == ("DPW-JABAR", jabar.name, "DPW", jabar.region.name)
    assert compiled.run("PUK-A")[0].pk == tree.puk_a.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_on_postgresql_the_statement_is_prepared_once_and_reused(tree):
    compiled = Compiled(units_by_code(CODE), [CODE])

    def prepared():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
                " WHERE statement = %s",
                [compiled.sql.replace("%s", "$1")],
            )
            return cursor.fetchone()

    compiled.run("PUK-A")
    compiled.run("PUK-B")
    count, plans = prepared()
    assert (count, plans) == (1, 2)  # one statement, executed twice


def test_a_placeholder_must_be_exactly_one_parameter_of_the_query(tree):
    with pytest.raises(ValueError, match="one parameter"):
        Compiled(Unit.objects.filter(code="PUK-A"), [CODE])
    with pytest.raises(ValueError, match="one parameter"):
        Compiled(Unit.objects.filter(code=CODE, name=CODE), [CODE])
    with pytest.raises(ValueError, match="not named"):
        Compiled(Unit.objects.filter(code=CODE, name=Placeholder("name")), [CODE])


def test_the_cache_builds_each_shape_once_and_keeps_the_most_recent(tree):
    cache, built = CompiledCache(size=2), []

    def build(key):
        def make():
            built.append(key)
            return Compiled(units_by_code(CODE), [CODE])

        return make

    first = cache.get("a", build("a"))
    assert cache.get("a", build("a")) is first
    cache.get("b", build("b"))
    cache.get("a", build("a"))  # "a" is now the most recent
    cache.get("c", build("c"))  # "b" goes
    cache.get("a", build("a"))
    cache.get("b", build("b"))
    assert built == ["a", "b", "c", "b"]
