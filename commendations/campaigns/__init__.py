"""Emulation campaigns (đợt thi đua), award types and the authorities that approve them."""
