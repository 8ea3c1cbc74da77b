# SPDX-License-Identifier: GPL-2.0-or-later
"""The check that the riscv64 kernel's .config honours our fragment: it
must catch an option Kconfig dropped or changed. No build, no emulator."""

import riscv64_fixtures as fx

FRAGMENT = """# comment
CONFIG_SMP=y
CONFIG_NR_CPUS=8
# CONFIG_PRINTK_TIME is not set
"""


def test_fragment_parses_set_and_unset_options():
    assert fx.parse_fragment(FRAGMENT) == {
        "CONFIG_SMP": "y", "CONFIG_NR_CPUS": "8", "CONFIG_PRINTK_TIME": "n"}


def test_honoured_config_passes():
    config = "CONFIG_SMP=y\nCONFIG_NR_CPUS=8\n# CONFIG_PRINTK_TIME is not set\n"
    assert fx.check_config(FRAGMENT, config) == []


def test_dropped_changed_and_unwanted_options_are_reported():
    config = "CONFIG_NR_CPUS=4\nCONFIG_PRINTK_TIME=y\n"
    assert fx.check_config(FRAGMENT, config) == [
        "CONFIG_SMP=n (wanted y)", "CONFIG_NR_CPUS=4 (wanted 8)",
        "CONFIG_PRINTK_TIME=y (wanted n)"]


def test_project_fragment_is_well_formed():
    wanted = fx.parse_fragment(fx.CONFIG_FRAGMENT.read_text())
    for opt in ("CONFIG_64BIT", "CONFIG_SMP", "CONFIG_SOC_VIRT",
                "CONFIG_SERIAL_8250_CONSOLE", "CONFIG_BLK_DEV_INITRD"):
        assert wanted.get(opt) == "y", opt
