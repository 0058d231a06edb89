using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceEntity> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.DefinitionId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.DefinitionVersionId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ParentInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.CorrelationId).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.Name).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.Status).HasMaxLength(ColumnSizes.Status);
        builder.Property(x => x.SubStatus).HasMaxLength(ColumnSizes.Status);
        builder.Property(x => x.LeaseOwner).HasMaxLength(ColumnSizes.Name);

        // Listings filter by status / definition and order by a timestamp; retention scans (Status, FinishedAt).
        // Nothing indexes UpdatedAt (or another column written at every step): then a step's UPDATE touches no index
        // and PostgreSQL can make it a HOT update (see PostgresWorkflowsDbContext); listings ordered by UpdatedAt sort
        // the rows their filter selects.
        builder.HasIndex(x => new { x.Status, x.FinishedAt });
        builder.HasIndex(x => x.DefinitionId);
        builder.HasIndex(x => x.DefinitionVersionId);
        builder.HasIndex(x => x.CreatedAt);
        builder.HasIndex(x => x.CorrelationId);
        builder.HasIndex(x => x.ParentInstanceId);
        // The recovery sweep looks for Running instances whose lease expired (written at lease renewals, not per step).
        builder.HasIndex(x => new { x.Status, x.LeaseExpiresAt });
    }
}
