package io.rustyrun.runtime.sys;

/** A terminal's size ({@code struct winsize}), in character cells. */
public record WindowSize(int rows, int columns) {}
