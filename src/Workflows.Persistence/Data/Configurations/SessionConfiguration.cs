using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data.Configurations;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<SessionEntity>
{
    public void Configure(EntityTypeBuilder<SessionEntity> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(ColumnSizes.Id);
        builder.Property(x => x.KeyFingerprint).HasMaxLength(ColumnSizes.Hash);
        // Expired sessions are deleted by ExpiresAt.
        builder.HasIndex(x => x.ExpiresAt);
    }
}
