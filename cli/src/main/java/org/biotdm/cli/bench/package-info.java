/**
 * {@code biotdm bench}: the benchmarks of issue 6 ({@code ingest}, {@code commands}, {@code verify}, {@code devnet},
 * {@code connections}), each on a stack of its own ({@code BenchStack}) and ending with one line {@code BENCH name
 * k=v …} that carries its baseline measured in the same run ({@code BenchStats}).
 */
package org.biotdm.cli.bench;
