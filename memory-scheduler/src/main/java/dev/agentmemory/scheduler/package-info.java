/** Scheduled maintenance jobs (TOC rollups, compaction), their status, pause and resume. */
package dev.agentmemory.scheduler;
