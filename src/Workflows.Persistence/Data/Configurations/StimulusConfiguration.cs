using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class StimulusConfiguration : IEntityTypeConfiguration<StimulusEntity>
{
    public void Configure(EntityTypeBuilder<StimulusEntity> builder)
    {
        builder.ToTable("Stimuli");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.BookmarkName).HasMaxLength(ColumnSizes.TypeName);
        builder.Property(x => x.BookmarkHash).HasMaxLength(ColumnSizes.Hash);
        builder.Property(x => x.WorkflowInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.CorrelationId).HasMaxLength(ColumnSizes.Name);
        // The redelivery pass reads the oldest first; expiry deletes by ExpiresAt.
        builder.HasIndex(x => x.CreatedAt);
        builder.HasIndex(x => x.ExpiresAt);
    }
}
