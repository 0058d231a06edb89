using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class ExecutionLogRecordConfiguration : IEntityTypeConfiguration<ExecutionLogRecordEntity>
{
    public void Configure(EntityTypeBuilder<ExecutionLogRecordEntity> builder)
    {
        builder.ToTable("ExecutionLogRecords");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.WorkflowInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ActivityInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ParentActivityInstanceId).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.ActivityId).HasMaxLength(ColumnSizes.Name);
        builder.Property(x => x.ActivityNodeId).HasMaxLength(ColumnSizes.NodeId);
        builder.Property(x => x.ActivityType).HasMaxLength(ColumnSizes.TypeName);
        builder.Property(x => x.EventName).HasMaxLength(ColumnSizes.Name);
        // The journal is read per instance in sequence order.
        builder.HasIndex(x => new { x.WorkflowInstanceId, x.Sequence });
    }
}
