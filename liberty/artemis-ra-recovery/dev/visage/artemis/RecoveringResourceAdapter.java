package dev.visage.artemis;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import javax.transaction.xa.XAResource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.ra.ActiveMQResourceAdapter;
import org.apache.activemq.artemis.service.extensions.xa.recovery.ActiveMQXAResourceWrapper;
import org.apache.activemq.artemis.service.extensions.xa.recovery.XARecoveryConfig;

/**
 * The Artemis resource adapter, able to give Liberty's transaction manager an XAResource for
 * recovery. Why: an MDB delivery is one XA transaction over the broker and PostgreSQL. When
 * Liberty is killed after it logged "commit" but before both branches committed, it must finish
 * the transaction at restart, and for the broker's branch it asks the adapter
 * ({@link #getXAResources}) with the activation spec it recorded. The stock adapter answers
 * nothing (with auto-recovery on, which only suits WildFly's recovery registry) or only for
 * activations that are running under an equal spec object; Liberty then retries every minute for
 * ever while the PostgreSQL branch stays prepared and holds its row locks, and every later message
 * of that tenant waits on them. Prepared transactions live in the broker, not in a session, so
 * any XA session on the same broker can list and finish them: this adapter answers with one
 * reconnecting session for the whole adapter, built from the adapter's own connection settings
 * (the broker list included).
 */
public class RecoveringResourceAdapter extends ActiveMQResourceAdapter {

    private static final long serialVersionUID = 1L;

    private transient ActiveMQXAResourceWrapper recovery;

    @Override
    public synchronized XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        if (recovery == null) {
            ActiveMQConnectionFactory factory = createRecoveryActiveMQConnectionFactory(getProperties());
            recovery = new ActiveMQXAResourceWrapper(XARecoveryConfig.newConfig(factory, getUserName(), getPassword(), null));
        }
        return new XAResource[] {recovery};
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (recovery != null) {
                recovery.close();
                recovery = null;
            }
        }
        super.stop();
    }
}
