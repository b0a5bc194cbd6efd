from tests.api.fixtures import api_user, seeded  # noqa: F401
