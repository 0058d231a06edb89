using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionEntity> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.DefinitionId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.Name).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.ContentHash).HasMaxLength(ColumnSizes.Hash);
        // One row per (definition, version); also serves "all versions of a definition" ordered by version.
        builder.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
        // Latest / published listings across all definitions.
        builder.HasIndex(x => new { x.IsLatest, x.Name });
        builder.HasIndex(x => new { x.IsPublished, x.Name });
    }
}
