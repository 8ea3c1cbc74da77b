# SPDX-License-Identifier: GPL-2.0-or-later
lib-y += memory/memory-region.o memory/flatview.o memory/address-space.o
