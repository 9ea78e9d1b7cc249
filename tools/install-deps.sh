#!/bin/sh
# Installs the Debian 12 packages dondoc needs to build and test (run as root, or with sudo).
# One apt line: add what your part needs to it.
#   store/track: libpqxx-dev libpq-dev postgresql postgresql-contrib (tests start a throw-away
#   server), libxlsxwriter-dev, sqlite3 (tests), python3-openpyxl python3-icalendar (the e2e test
#   reads the XLSX and ICS reports back).
#   ingest: libzip-dev (+ zipcmp zipmerge ziptool, without which find_package(libzip) fails),
#   libpugixml-dev, libpoppler-cpp-dev, libtesseract-dev libleptonica-dev tesseract-ocr-vie (OCR);
#   libreoffice-writer-nogui (legacy .doc at run time, and the tests' DOCX -> PDF/.doc fixtures),
#   fonts-liberation2 fonts-dejavu-core (for those conversions), poppler-utils qpdf imagemagick
#   (looking at and making test files by hand).
#   serve: libcpp-httplib-dev (the HTTP server), libsodium-dev (Argon2id password hashes).
#   web UI tests: chromium, nodejs and npm (Debian 12's Node 18; ctest installs the test's npm
#   package, playwright-core, into the build folder). npm is left out when a Node.js that brings
#   its own npm is installed already (nodesource's nodejs conflicts with Debian's npm).
set -eu
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
NPM=npm
command -v npm >/dev/null 2>&1 && NPM=
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake ninja-build pkg-config g++ python3 \
  libicu-dev nlohmann-json3-dev libfmt-dev libcli11-dev libsqlite3-dev libssl-dev \
  libgtest-dev libgmock-dev libbenchmark-dev \
  libpqxx-dev libpq-dev postgresql postgresql-contrib libxlsxwriter-dev sqlite3 \
  python3-openpyxl python3-icalendar \
  libzip-dev zipcmp zipmerge ziptool libpugixml-dev libpoppler-cpp-dev \
  libtesseract-dev libleptonica-dev tesseract-ocr-vie \
  libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core poppler-utils qpdf imagemagick \
  libcpp-httplib-dev libsodium-dev \
  chromium nodejs $NPM
