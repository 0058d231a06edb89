using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class TriggerConfiguration : IEntityTypeConfiguration<TriggerEntity>
{
    public void Configure(EntityTypeBuilder<TriggerEntity> builder)
    {
        builder.ToTable("Triggers");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.WorkflowDefinitionId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.WorkflowDefinitionVersionId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.Name).HasMaxLength(ColumnSizes.TypeName);
        builder.Property(x => x.Hash).HasMaxLength(ColumnSizes.Hash);
        builder.HasIndex(x => x.Hash);
        builder.HasIndex(x => x.WorkflowDefinitionId);
        builder.HasIndex(x => x.Name);
    }
}
