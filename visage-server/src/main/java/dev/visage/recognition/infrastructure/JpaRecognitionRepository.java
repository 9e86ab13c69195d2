package dev.visage.recognition.infrastructure;

import dev.visage.recognition.domain.Company;
import dev.visage.recognition.domain.EnrolledUser;
import dev.visage.recognition.domain.Face;
import dev.visage.recognition.domain.RecognitionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class JpaRecognitionRepository implements RecognitionRepository {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public boolean companyExists(String companyId) {
        return em.find(Company.class, companyId) != null;
    }

    @Override
    public void addCompany(Company company) {
        em.persist(company);
        // flush now: a concurrent create of the same id fails here, inside the caller's checks
        em.flush();
    }

    @Override
    public boolean deleteCompany(String companyId) {
        // users and faces go with it (ON DELETE CASCADE)
        return em.createQuery("delete from Company c where c.companyId = :c")
                .setParameter("c", companyId).executeUpdate() > 0;
    }

    @Override
    public List<String> companyIds() {
        return em.createQuery("select c.companyId from Company c order by c.companyId", String.class).getResultList();
    }

    @Override
    public boolean userExists(String companyId, String userId) {
        return em.find(EnrolledUser.class, new EnrolledUser.Key(companyId, userId)) != null;
    }

    @Override
    public void addUser(EnrolledUser user) {
        em.persist(user);
        em.flush();
    }

    @Override
    public boolean deleteUser(String companyId, String userId) {
        return em.createQuery("delete from EnrolledUser u where u.companyId = :c and u.userId = :u")
                .setParameter("c", companyId).setParameter("u", userId).executeUpdate() > 0;
    }

    @Override
    public List<String> userIds(String companyId) {
        return em.createQuery("select u.userId from EnrolledUser u where u.companyId = :c order by u.createdAt, u.userId",
                String.class).setParameter("c", companyId).getResultList();
    }

    @Override
    public boolean faceExists(String companyId, String userId, String faceId) {
        return !em.createQuery("select f.id from Face f where f.companyId = :c and f.userId = :u and f.faceId = :f")
                .setParameter("c", companyId).setParameter("u", userId).setParameter("f", faceId)
                .setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public void addFace(Face face) {
        em.persist(face);
        em.flush();
    }

    @Override
    public boolean deleteFace(String companyId, String userId, String faceId) {
        return em.createQuery("delete from Face f where f.companyId = :c and f.userId = :u and f.faceId = :f")
                .setParameter("c", companyId).setParameter("u", userId).setParameter("f", faceId)
                .executeUpdate() > 0;
    }

    @Override
    public List<Face> faces(String companyId, String userId) {
        return em.createQuery("select f from Face f where f.companyId = :c and f.userId = :u order by f.createdAt, f.faceId",
                Face.class).setParameter("c", companyId).setParameter("u", userId).getResultList();
    }

    @Override
    public List<Face> faces(String companyId) {
        return em.createQuery("select f from Face f where f.companyId = :c", Face.class)
                .setParameter("c", companyId).getResultList();
    }

    @Override
    public List<FaceKey> faceKeys(String companyId) {
        return em.createQuery("select f.userId, f.faceId from Face f where f.companyId = :c", Object[].class)
                .setParameter("c", companyId).getResultStream()
                .map(row -> new FaceKey((String) row[0], (String) row[1])).toList();
    }

    @Override
    public Optional<Face> face(String companyId, String userId, String faceId) {
        return em.createQuery("select f from Face f where f.companyId = :c and f.userId = :u and f.faceId = :f", Face.class)
                .setParameter("c", companyId).setParameter("u", userId).setParameter("f", faceId)
                .getResultStream().findFirst();
    }

    @Override
    public List<CompanyCounts> companyCounts() {
        return em.createQuery("select c.companyId, c.createdAt,"
                        + " (select count(u) from EnrolledUser u where u.companyId = c.companyId),"
                        + " (select count(f) from Face f where f.companyId = c.companyId)"
                        + " from Company c order by c.companyId", Object[].class)
                .getResultStream()
                .map(row -> new CompanyCounts((String) row[0], ((Number) row[2]).longValue(), ((Number) row[3]).longValue(),
                        (Instant) row[1]))
                .toList();
    }

    @Override
    public List<UserCounts> userCounts(String companyId) {
        return em.createQuery("select u.userId, u.createdAt,"
                        + " (select count(f) from Face f where f.companyId = u.companyId and f.userId = u.userId)"
                        + " from EnrolledUser u where u.companyId = :c order by u.createdAt, u.userId", Object[].class)
                .setParameter("c", companyId)
                .getResultStream()
                .map(row -> new UserCounts((String) row[0], ((Number) row[2]).longValue(), (Instant) row[1]))
                .toList();
    }

    @Override
    public Map<String, Long> faceCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        em.createQuery("select f.companyId, count(f) from Face f group by f.companyId", Object[].class)
                .getResultStream().forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    /**
     * Nearest neighbour through the HNSW expression index of the probe's dimension
     * (V20__recognition.sql, V21 for 128-d, V22 for 512 and 192); iterative scans keep the company filter from
     * starving it.
     */
    /** Dimensions with an HNSW index on recognition_faces. */
    private static final java.util.Set<Integer> INDEXED_DIMENSIONS = java.util.Set.of(128, 192, 256, 512, 1024);

    @Override
    @Transactional
    public Optional<Match> nearest(String companyId, String model, float[] probe) {
        int dims = probe.length;
        if (!INDEXED_DIMENSIONS.contains(dims)) {
            throw new IllegalArgumentException("no HNSW index for " + dims + "-d embeddings");
        }
        em.createNativeQuery("SET LOCAL hnsw.iterative_scan = relaxed_order").executeUpdate();
        String vector = "embedding::vector(" + dims + ")";
        String sql = "SELECT user_id, face_id, 1 - (" + vector + " <=> CAST(?1 AS vector(" + dims + "))) "
                + "FROM recognition_faces WHERE dims = " + dims + " AND company_id = ?2 AND model = ?3 "
                + "ORDER BY " + vector + " <=> CAST(?1 AS vector(" + dims + ")) LIMIT 1";
        List<?> rows = em.createNativeQuery(sql).setParameter(1, literal(probe)).setParameter(2, companyId)
                .setParameter(3, model).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new Match((String) row[0], (String) row[1], ((Number) row[2]).doubleValue()));
    }

    private static String literal(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(v[i]);
        }
        return b.append(']').toString();
    }
}
