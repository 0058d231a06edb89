using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkEntity>
{
    public void Configure(EntityTypeBuilder<BookmarkEntity> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.Name).HasMaxLength(ColumnSizes.TypeName);
        builder.Property(x => x.Hash).HasMaxLength(ColumnSizes.Hash);
        builder.Property(x => x.WorkflowInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ActivityInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.CorrelationId).HasMaxLength(ColumnSizes.Name);
        // A stimulus finds its bookmarks by hash; the timer scheduler by due time.
        builder.HasIndex(x => x.Hash);
        builder.HasIndex(x => x.WorkflowInstanceId);
        builder.HasIndex(x => x.ResumeAt);
    }
}
