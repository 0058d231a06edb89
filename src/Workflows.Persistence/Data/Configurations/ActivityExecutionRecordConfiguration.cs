using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class ActivityExecutionRecordConfiguration : IEntityTypeConfiguration<ActivityExecutionRecordEntity>
{
    public void Configure(EntityTypeBuilder<ActivityExecutionRecordEntity> builder)
    {
        builder.ToTable("ActivityExecutionRecords");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.WorkflowInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.ActivityNodeId).HasMaxLength(ColumnSizes.NodeId);
        builder.Property(x => x.ActivityType).HasMaxLength(ColumnSizes.TypeName);
        builder.Property(x => x.ActivityName).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.Status).HasMaxLength(ColumnSizes.Status);
        // Records are read per instance in start order, and deleted per instance by retention.
        builder.HasIndex(x => new { x.WorkflowInstanceId, x.StartedAt });
    }
}
