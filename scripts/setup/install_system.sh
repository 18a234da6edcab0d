#!/usr/bin/env bash
# Debian packages the suite needs. apt runs only when one of them is missing.
source "$(dirname "$0")/../lib.sh"
PKGS=(
  python3 python3-venv python3-dev build-essential libpq-dev   # virtual environment
  postgresql postgresql-client                                 # database
  clamav-daemon clamav                                         # malware scan (clamd)
  libmagic1                                                    # python-magic
  tesseract-ocr tesseract-ocr-vie ghostscript                  # Vietnamese OCR of scans (OCRmyPDF)
  softhsm2 opensc                                              # PKCS#11 token for signing tests
  chromium                                                     # browser tours
  fonts-liberation2 fonts-liberation                           # Times-compatible serif (Liberation Serif)
  fonts-dejavu-core                                            # the print mark (Vietnamese glyphs, tools/pdf_mark.py)
  # web assets and fonts the odoo-19 package links into /usr/share
  libjs-jquery libjs-jquery-form libjs-underscore fonts-font-awesome
  fonts-roboto-unhinted fonts-inconsolata fonts-ocr-b
  wkhtmltopdf                                                  # QWeb PDF reports
  libreoffice-writer-nogui                                     # DOCX/ODT drafts to PDF for signing
  ca-certificates curl xxd gettext
  haproxy                                                      # proxy of the multi-node topology (scripts/ops/topology.sh)
)
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then log "system packages present"; exit 0; fi
log "installing: ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
