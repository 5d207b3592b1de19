/**
 * JMH micro-benchmarks of the hot paths: Engine.IO and Socket.IO codecs on a job_update-sized
 * event, encode-once broadcast against encode-per-recipient, the outbound queue with and
 * without conflation, a job_update's JSON and the per-recipient recovery offset. Every build compiles them (so they keep up with the code); only the
 * {@code jmh} Maven profile adds the annotation processor that generates their harness, and
 * CI never runs them. From the project's folder:
 *
 * <pre>
 * mvn -B -q -Pjmh -DskipTests test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/jmh.classpath) \
 *     org.openjdk.jmh.Main dev.jobcast.bench.jmh
 * </pre>
 *
 * Append JMH's own options to the second command (-h lists them), e.g. a class name to run
 * one benchmark, or {@code -f 1 -wi 1 -i 2} for a quick look.
 */
package dev.jobcast.bench.jmh;
