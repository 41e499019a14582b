/**
 * The table of contents: segmentation of the event log, summaries, grips, and the Year &gt; Month
 * &gt; Week &gt; Day &gt; Segment hierarchy built from them. Depends only on storage.
 */
package dev.agentmemory.toc;
