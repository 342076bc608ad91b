"""C2PA: signed with a throwaway test certificate (CA + signer, made here), read back as valid; our
GB 45438 label and the manifest live side by side."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from compliance_media import png

pytest.importorskip("c2pa")
pytest.importorskip("cryptography")

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from microdrama.compliance.aigc import IPTC_GENERATED, AigcLabel
from microdrama.compliance.c2pa_sign import Credentials, sign
from microdrama.compliance.errors import ComplianceError
from microdrama.compliance.implicit import Payload, write_label
from microdrama.compliance.verify import verify_bytes


def _name(common: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, common), x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test")]
    )


def test_certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A CA and an end-entity signing certificate (PEM chain) and its key."""
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    end = start + datetime.timedelta(days=3650)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Test CA"))
        .issuer_name(_name("Test CA"))
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("Test signer"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(2)
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert, private = tmp_path / "chain.pem", tmp_path / "key.pem"
    cert.write_bytes(leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert, private


test_certificate.__test__ = False  # a helper, not a test


def test_signed_png_carries_both_labels(tmp_path: Path) -> None:
    cert, key = test_certificate(tmp_path)
    label = AigcLabel(produce_id="p1").first_write()
    data = write_label(png(), Payload(label.to_json(), IPTC_GENERATED, "AI生成"))
    signed = sign(
        data,
        "png",
        Credentials.from_files(cert, key),
        title="s001.png",
        digital_source_type=IPTC_GENERATED,
        aigc=label.fields(),
    )
    report = verify_bytes(signed)
    assert report.ok
    assert report.check("c2pa").status == "present"
    assert report.check("c2pa").detail == "valid: trainedAlgorithmicMedia"
    assert report.check("aigc").status == "present"


def test_credentials_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ComplianceError, match="certificate file not found"):
        Credentials.from_files(tmp_path / "none.pem", tmp_path / "key.pem")
    (tmp_path / "c.pem").write_text("hello")
    (tmp_path / "k.pem").write_text("-----BEGIN PRIVATE KEY-----")
    with pytest.raises(ComplianceError, match="not PEM"):
        Credentials.from_files(tmp_path / "c.pem", tmp_path / "k.pem")
