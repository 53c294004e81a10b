"""What each regulator pack holds, built from a profile's counted entries.

One module per pack (nmc, hcpc, swe, endorsement); :mod:`imhcli.output.pack_page`
renders them. Nothing here prints or writes.
"""
