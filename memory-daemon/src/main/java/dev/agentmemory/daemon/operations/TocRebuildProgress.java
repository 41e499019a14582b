package dev.agentmemory.daemon.operations;

import dev.agentmemory.toc.TocRebuilder;

/** How far a TOC rebuild is: {@code done} of {@code plan.events()}; the last one is finished. */
public record TocRebuildProgress(TocRebuilder.Plan plan, long done, boolean finished) {}
