"""Fixtures the core tests share: the knowledge base of data/ and what is built from it,
taken from the process's one context (skincheck.services.get_context), as the app and
the CLI use them, so data/ is read and the matcher, rater and claim checker are built
once per test process, not once per module."""

import pytest

from skincheck.core.claims import ClaimChecker
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import Matcher
from skincheck.core.rate import Rater
from skincheck.services import get_context


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return get_context().knowledge


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    return get_context().matcher


@pytest.fixture(scope="session")
def rater() -> Rater:
    return get_context().rater


@pytest.fixture(scope="session")
def claim_checker() -> ClaimChecker:
    return get_context().claim_checker
