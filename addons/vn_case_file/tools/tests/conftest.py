# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the SIP_hoso tests: a case file of three documents, small PDFs."""

import pytest
from sip_helpers import CREATED, PACKAGE_UUID, make_document, make_file
from sip_hoso import build_sip_hoso


@pytest.fixture
def sip_file():
    return make_file()


@pytest.fixture
def documents():
    return [make_document(i) for i in (1, 2, 3)]


@pytest.fixture
def build_kwargs():
    return {
        "agency_name": "Sở Nội vụ Thành phố Hồ Chí Minh",
        "agency_code": "000.00.00.H29",
        "created": CREATED,
        "package_uuid": PACKAGE_UUID,
    }


@pytest.fixture
def package(sip_file, documents, build_kwargs):
    """(zip name, zip bytes) of the three-document case file."""
    return build_sip_hoso(sip_file, documents, **build_kwargs)
